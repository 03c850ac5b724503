using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Pipelines;

/// <summary>Scores images through the ML.NET pipeline and through the batched engine fed by the derived spec, and compares every output value.</summary>
internal static class PipelineCheck
{
    public static PipelineAgreement Run(AuditModel model, PipelineScorer scorer, IReadOnlyList<RgbImage> images, double tolerance)
    {
        var viaPipeline = scorer.Score(images);
        var spec = model.Spec;
        var tensors = new float[images.Count * spec.TensorLength];
        for (var i = 0; i < images.Count; i++)
        {
            spec.WriteTensor(images[i], tensors.AsSpan(i * spec.TensorLength, spec.TensorLength));
        }

        var output = scorer.Steps.OnnxOutput;
        var result = model.Run(tensors, images.Count, output == model.Output.Name ? [] : [output]);
        var k = result.IndexOf(output);
        double worst = 0;
        int worstImage = 0, worstIndex = 0, per = 0;
        for (var i = 0; i < images.Count; i++)
        {
            var engine = result.Sample(k, i);
            per = engine.Length;
            if (viaPipeline[i].Length != engine.Length)
            {
                throw new PipelineException(string.Create(CultureInfo.InvariantCulture,
                    $"The pipeline's '{output}' holds {viaPipeline[i].Length} values for image #{i}, the engine's {engine.Length}: the model was fed another shape. Derived spec: {spec}."));
            }

            for (var j = 0; j < engine.Length; j++)
            {
                var d = Math.Abs((double)viaPipeline[i][j] - engine[j]);
                if (d > worst || double.IsNaN(d))
                {
                    (worst, worstImage, worstIndex) = (double.IsNaN(d) ? double.PositiveInfinity : d, i, j);
                }
            }
        }

        var agreement = new PipelineAgreement(output, images.Count, per, worst, tolerance, worstImage, worstIndex);
        if (!agreement.Agrees)
        {
            var image = images[worstImage];
            var (mlnet, engine) = (viaPipeline[worstImage][worstIndex], result.Sample(k, worstImage)[worstIndex]);
            throw new PipelineException(string.Create(CultureInfo.InvariantCulture,
                $"The input spec derived from the ML.NET pipeline does not reproduce it: on image #{worstImage} ({image.Width}x{image.Height}) '{output}'[{worstIndex}] " +
                $"is {mlnet:G6} through the pipeline and {engine:G6} through the engine " +
                $"(difference {worst:G3} > tolerance {tolerance:G3}). Derived spec: {spec}. Steps: {string.Join(" -> ", scorer.Steps.Transforms)}. " +
                $"Please report it with the pipeline; until then, build the spec by hand and load the ONNX file."));
        }

        return agreement;
    }

    /// <summary>Four generated images: one at the input size and three the pipeline must resize (wider, taller, smaller).</summary>
    public static IReadOnlyList<RgbImage> DefaultImages(InputSpec spec)
    {
        var (w, h) = (spec.Width, spec.Height);
        (int W, int H)[] sizes = [(w, h), ((w * 3 / 2) + 1, h), (w, (h * 5 / 4) + 1), (Math.Max(2, w * 2 / 3), Math.Max(2, h * 2 / 3))];
        var samples = ShapeDataset.Generate(seed: 21, count: sizes.Length);
        return samples.Select((s, i) => ImageOps.Resize(s.Image, sizes[i].W, sizes[i].H)).ToArray();
    }
}
