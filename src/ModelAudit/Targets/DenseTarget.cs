using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Targets;

/// <summary>How a <see cref="DenseTarget"/> reduces the output's values inside the region to one number.</summary>
public enum DenseReduction
{
    /// <summary>The mean over the region's output pixels (the default): comparable between regions of different sizes.</summary>
    Mean,

    /// <summary>The sum over the region's output pixels.</summary>
    Sum,
}

/// <summary>
/// A dense output's evidence for the object: the mean (or sum) of one output channel inside the image's mask, else its
/// box, else the whole image, mapped to the output's resolution — for segmentation models, text detectors, saliency
/// and matting models. Reads per-image outputs [C, H, W] or [H, W] (e.g. PaddleOCR's detector, [1, H, W]).
/// </summary>
public sealed record DenseTarget : Target
{
    /// <summary>The output channel read (e.g. a segmentation class). Default 0.</summary>
    public int Channel { get; init; }

    /// <summary>Mean or sum. Default <see cref="DenseReduction.Mean"/>.</summary>
    public DenseReduction Reduction { get; init; } = DenseReduction.Mean;

    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Reduction == DenseReduction.Mean ? "mean" : "sum")} of channel {Channel}{(Output is null ? "" : $" of '{Output}'")} inside the object");

    internal override BoundTarget Bind(AuditModel model)
    {
        var output = OutputOf(model);
        var bound = new Bound(model, output.Name, this);
        var channels = bound.Shape.Count == 3 ? bound.Shape[0] : 1;
        if (bound.Shape.Count is not (2 or 3))
        {
            throw new TargetException(
                $"'{model.Source}': a dense target reads a map [C, H, W] or [H, W], but '{output.Name}' has per-image shape [{string.Join(",", bound.Shape)}]. " +
                (bound.Shape.Count == 1 ? "It looks like class scores: use a class target." : "Use a sequence target for [T, classes] outputs, or a custom target."));
        }

        return Channel < 0 || Channel >= channels
            ? throw new TargetException($"Dense target channel {Channel} is out of range: '{output.Name}' has {channels} channel(s) (0..{channels - 1}).")
            : bound;
    }

    private sealed class Bound(AuditModel model, string tensor, DenseTarget target) : BoundTarget(model, tensor)
    {
        private int OutHeight => Shape[^2];

        private int OutWidth => Shape[^1];

        public override bool IsLinear => true;

        public override bool NeedsCleanRow => false;

        public override TargetReading Read(ReadOnlySpan<float> clean, TargetImage image)
        {
            var spec = Model.Spec;
            var at = spec.Placement(image.Width, image.Height);
            var input = new PixelBox(0, 0, spec.Width, spec.Height);
            double fx = (double)OutWidth / spec.Width, fy = (double)OutHeight / spec.Height;
            Func<int, int, bool> inside;
            string where;
            if (image.Mask is { } mask)
            {
                var mapped = at.Map(mask, spec.Width, spec.Height);
                inside = (x, y) => mapped.Contains((int)Math.Floor((x + 0.5) / fx), (int)Math.Floor((y + 0.5) / fy));
                where = "mask";
            }
            else
            {
                var box = image.Box is { } b ? at.Map(b, input) : input;
                var x0 = (int)Math.Floor(box.X * fx);
                var y0 = (int)Math.Floor(box.Y * fy);
                var x1 = Math.Max(x0 + 1, (int)Math.Ceiling(box.Right * fx));
                var y1 = Math.Max(y0 + 1, (int)Math.Ceiling(box.Bottom * fy));
                inside = (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;
                where = image.Box is null ? "the image" : string.Create(CultureInfo.InvariantCulture, $"box {new PixelBox(x0, y0, x1 - x0, y1 - y0)}");
            }

            var plane = OutWidth * OutHeight;
            var pixels = new List<int>();
            for (var y = 0; y < OutHeight; y++)
            {
                for (var x = 0; x < OutWidth; x++)
                {
                    if (inside(x, y))
                    {
                        pixels.Add((target.Channel * plane) + (y * OutWidth) + x);
                    }
                }
            }

            if (pixels.Count == 0)
            {
                throw new TargetException($"The object's {where} covers no pixel of the {OutWidth}x{OutHeight} output '{Tensor}': a dense target needs a region inside the image.");
            }

            var weight = target.Reduction == DenseReduction.Mean ? 1.0 / pixels.Count : 1.0;
            var label = string.Create(CultureInfo.InvariantCulture, $"channel {target.Channel} {(target.Reduction == DenseReduction.Mean ? "mean" : "sum")} in {where}");
            return new DenseReading([.. pixels], weight, label);
        }
    }

    private sealed class DenseReading(int[] pixels, double weight, string label) : TargetReading
    {
        public override string Label => label;

        public override double Score(ReadOnlySpan<float> row)
        {
            var sum = 0.0;
            foreach (var p in pixels)
            {
                sum += row[p];
            }

            return sum * weight;
        }

        public override void Seed(ReadOnlySpan<float> row, Span<float> seed)
        {
            seed.Clear();
            foreach (var p in pixels)
            {
                seed[p] = (float)weight;
            }
        }
    }
}
