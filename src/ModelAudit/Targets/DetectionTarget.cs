using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Targets;

/// <summary>How a <see cref="DetectionTarget"/> reads a detection's box.</summary>
public enum BoxLayout
{
    /// <summary>x1, y1, x2, y2: the top-left and bottom-right corners (torchvision, most NMS-ed exports). The default.</summary>
    Corners,

    /// <summary>cx, cy, w, h: the centre, width and height (YOLO-style heads).</summary>
    Centre,
}

/// <summary>
/// A detector's evidence for the object: the score of the best detection whose box overlaps the image's box by at
/// least <see cref="MinIoU"/> (0 when none does). Reads one output of per-image shape <c>[K, 5]</c> (box, score) or
/// <c>[K, 6]</c> (box, score, class) — the layout of detectors exported with their box decoding and non-maximum
/// suppression inside the graph — with boxes in input pixels (or in 0..1 with <see cref="Normalised"/>). Detectors
/// whose boxes and scores are separate outputs need a <see cref="CustomTarget"/>.
/// </summary>
public sealed record DetectionTarget : Target
{
    /// <summary>The least intersection-over-union with the image's box for a detection to count. Default 0.5.</summary>
    public double MinIoU { get; init; } = 0.5;

    /// <summary>With a <c>[K, 6]</c> output: only detections of this class count; null for any class.</summary>
    public int? ClassIndex { get; init; }

    /// <summary>How the first four numbers of a detection give its box. Default <see cref="BoxLayout.Corners"/>.</summary>
    public BoxLayout Layout { get; init; } = BoxLayout.Corners;

    /// <summary>True when boxes are fractions of the input's width and height rather than pixels.</summary>
    public bool Normalised { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"score of the best detection{(ClassIndex is { } k ? $" of class {k}" : "")} overlapping the object's box (IoU ≥ {MinIoU})");

    internal override BoundTarget Bind(AuditModel model)
    {
        var output = OutputOf(model);
        var bound = new Bound(model, output.Name, this);
        if (bound.Shape.Count != 2 || bound.Shape[1] is not (5 or 6))
        {
            throw new TargetException(
                $"'{model.Source}': a detection target reads detections [K, 5] (box, score) or [K, 6] (box, score, class), but '{output.Name}' has per-image shape [{string.Join(",", bound.Shape)}]. " +
                "For boxes and scores in separate outputs, write a custom target.");
        }

        if (ClassIndex is not null && bound.Shape[1] != 6)
        {
            throw new TargetException($"The detection target asks for class {ClassIndex}, but '{output.Name}' has no class column ([K, 5]).");
        }

        return !(MinIoU > 0 && MinIoU <= 1) ? throw new TargetException($"MinIoU must be in (0, 1], but was {MinIoU}.") : bound;
    }

    private sealed class Bound(AuditModel model, string tensor, DetectionTarget target) : BoundTarget(model, tensor)
    {
        public override bool IsLinear => false;

        public override bool NeedsCleanRow => false;

        public override TargetReading Read(ReadOnlySpan<float> clean, TargetImage image)
        {
            var box = image.Box ?? image.Mask?.Bounds ?? throw new TargetException("A detection target needs each image's box (or mask), but an image has neither.");
            var spec = Model.Spec;
            var input = spec.Placement(image.Width, image.Height).Map(box, new PixelBox(0, 0, spec.Width, spec.Height));
            return new DetectionReading(target, input, Shape[0], Shape[1], spec.Width, spec.Height);
        }
    }

    private sealed class DetectionReading(DetectionTarget target, PixelBox box, int count, int width, int inputWidth, int inputHeight) : TargetReading
    {
        public override string Label => string.Create(CultureInfo.InvariantCulture, $"best detection at box {box}");

        public override double Score(ReadOnlySpan<float> row) => Best(row) is var (k, _) && k >= 0 ? row[(k * width) + 4] : 0;

        public override void Seed(ReadOnlySpan<float> row, Span<float> seed)
        {
            seed.Clear();
            if (Best(row) is var (k, _) && k >= 0)
            {
                seed[(k * width) + 4] = 1;
            }
        }

        /// <summary>The highest-scoring detection that overlaps the box enough (and has the class asked for), or −1.</summary>
        private (int Index, double Score) Best(ReadOnlySpan<float> row)
        {
            var best = (-1, double.NegativeInfinity);
            for (var k = 0; k < count; k++)
            {
                var d = row.Slice(k * width, width);
                if ((target.ClassIndex is { } c && (int)Math.Round(d[5]) != c) || d[4] <= best.Item2)
                {
                    continue;
                }

                var (x1, y1, x2, y2) = Corners(d);
                if (IoU(x1, y1, x2, y2) >= target.MinIoU)
                {
                    best = (k, d[4]);
                }
            }

            return best;
        }

        private (double X1, double Y1, double X2, double Y2) Corners(ReadOnlySpan<float> d)
        {
            double sx = target.Normalised ? inputWidth : 1, sy = target.Normalised ? inputHeight : 1;
            return target.Layout == BoxLayout.Centre
                ? ((d[0] - (d[2] / 2)) * sx, (d[1] - (d[3] / 2)) * sy, (d[0] + (d[2] / 2)) * sx, (d[1] + (d[3] / 2)) * sy)
                : (d[0] * sx, d[1] * sy, d[2] * sx, d[3] * sy);
        }

        private double IoU(double x1, double y1, double x2, double y2)
        {
            var w = Math.Max(0, Math.Min(x2, box.Right) - Math.Max(x1, box.X));
            var h = Math.Max(0, Math.Min(y2, box.Bottom) - Math.Max(y1, box.Y));
            var intersection = w * h;
            var union = (Math.Max(0, x2 - x1) * Math.Max(0, y2 - y1)) + box.Area - intersection;
            return union > 0 ? intersection / union : 0;
        }
    }
}
