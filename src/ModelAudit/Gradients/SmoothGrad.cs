using ModelAudit.Datasets;
using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Gradients;

/// <summary>
/// SmoothGrad (Smilkov et al.): the mean of saliency maps of noisy copies of the image, which removes much of the
/// gradient's pixel-level noise. The noise is Gaussian, seeded, and added to the model's input tensor.
/// </summary>
public sealed class SmoothGrad(AuditModel model)
{
    public AttributionMap Compute(RgbImage image, SmoothGradOptions? options = null) => Compute(image, TargetImage.Of(image), options);

    /// <summary>As for a plain image; the target may use the image's label, box, mask or text.</summary>
    public AttributionMap Compute(LabeledImage image, SmoothGradOptions? options = null) => Compute(image.Image, TargetImage.Of(image), options);

    private AttributionMap Compute(RgbImage image, TargetImage about, SmoothGradOptions? options)
    {
        ArgumentNullException.ThrowIfNull(image);
        var o = options ?? new SmoothGradOptions();
        o.Validate();
        var runner = GradientRunner.For(model);
        var x = runner.Tensors([image]);
        var (bound, readings) = runner.Read(o.Target, x, [about]);
        var target = readings[0];
        var sigma = o.NoiseLevel * (x.Max() - x.Min());
        var random = new Random(o.Seed);
        var n = x.Length;
        var batch = new float[o.Samples * n];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = x[i % n] + (float)(sigma * Gaussian(random));
        }

        var engine = runner.Engine(bound.Tensor, null, o.Method.Rule());
        var result = engine.Run(batch, runner.Seeds(bound, Enumerable.Repeat(target, o.Samples).ToArray(), batch), o.Samples);
        var map = new float[runner.Plane];
        for (var s = 0; s < o.Samples; s++)
        {
            var one = runner.AbsMaxOverChannels(result.Gradient.AsSpan(s * n, n));
            for (var p = 0; p < map.Length; p++)
            {
                map[p] += one[p] / o.Samples;
            }
        }

        var score = (float)target.Score(engine.Forward(x));
        return new AttributionMap("smoothgrad", runner.AtInputSize(image), target, score, runner.Width, runner.Height, map,
            new Dictionary<string, double>(StringComparer.Ordinal) { ["samples"] = o.Samples, ["noise_sigma"] = sigma });
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
