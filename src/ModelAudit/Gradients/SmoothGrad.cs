using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Gradients;

/// <summary>
/// SmoothGrad (Smilkov et al.): the mean of saliency maps of noisy copies of the image, which removes much of the
/// gradient's pixel-level noise. The noise is Gaussian, seeded, and added to the model's input tensor.
/// </summary>
public sealed class SmoothGrad(AuditModel model)
{
    public AttributionMap Compute(RgbImage image, SmoothGradOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var o = options ?? new SmoothGradOptions();
        o.Validate();
        var runner = GradientRunner.For(model);
        var x = runner.Tensors([image]);
        var target = runner.Targets(x, 1, o.TargetClass)[0];
        var sigma = o.NoiseLevel * (x.Max() - x.Min());
        var random = new Random(o.Seed);
        var n = x.Length;
        var batch = new float[o.Samples * n];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = x[i % n] + (float)(sigma * Gaussian(random));
        }

        var engine = runner.Engine(null, o.Method.Rule());
        var result = engine.Run(batch, GradientTargets.OneHot(Enumerable.Repeat(target, o.Samples).ToArray(), model.ClassCount), o.Samples);
        var map = new float[runner.Plane];
        for (var s = 0; s < o.Samples; s++)
        {
            var one = runner.AbsMaxOverChannels(result.Gradient.AsSpan(s * n, n));
            for (var p = 0; p < map.Length; p++)
            {
                map[p] += one[p] / o.Samples;
            }
        }

        var score = engine.Run(x, GradientTargets.OneHot([target], model.ClassCount), 1).Target[target];
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
