using ModelAudit.Datasets;
using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Gradients;

/// <summary>
/// Integrated gradients (Sundararajan et al.): (x − baseline) times the mean gradient along the straight path,
/// summed over channels per pixel (signed). All path points run as one batch. Completeness — attributions summing to
/// f(x) − f(baseline) — is reported in <see cref="AttributionMap.Diagnostics"/> as <c>completeness_error</c>.
/// </summary>
public sealed class IntegratedGradients(AuditModel model)
{
    public AttributionMap Compute(RgbImage image, IntegratedGradientsOptions? options = null) => Compute(image, TargetImage.Of(image), options);

    /// <summary>As for a plain image; the target may use the image's label, box, mask or text.</summary>
    public AttributionMap Compute(LabeledImage image, IntegratedGradientsOptions? options = null) => Compute(image.Image, TargetImage.Of(image), options);

    private AttributionMap Compute(RgbImage image, TargetImage about, IntegratedGradientsOptions? options)
    {
        ArgumentNullException.ThrowIfNull(image);
        var o = options ?? new IntegratedGradientsOptions();
        o.Validate();
        var runner = GradientRunner.For(model);
        var x = runner.Tensors([image]);
        var b = runner.Tensors([o.Baseline ?? RgbImage.Filled(runner.Width, runner.Height, new Rgb(0, 0, 0))]);
        var (bound, readings) = runner.Read(o.Target, x, [about]);
        var target = readings[0];
        var n = x.Length;

        // Path points k = 0..m−1 at α = (k + ½)/m, then the image and the baseline themselves for f(x) and f(b).
        var count = o.Steps + 2;
        var batch = new float[count * n];
        for (var k = 0; k < o.Steps; k++)
        {
            var alpha = (k + 0.5f) / o.Steps;
            for (var j = 0; j < n; j++)
            {
                batch[(k * n) + j] = b[j] + (alpha * (x[j] - b[j]));
            }
        }

        x.CopyTo(batch, o.Steps * n);
        b.CopyTo(batch, (o.Steps + 1) * n);
        var result = runner.Engine(bound.Tensor, null, ReluRule.Gradient).Run(batch, runner.Seeds(bound, Enumerable.Repeat(target, count).ToArray(), batch), count);

        var attributions = new double[n];
        for (var k = 0; k < o.Steps; k++)
        {
            for (var j = 0; j < n; j++)
            {
                attributions[j] += result.Gradient[(k * n) + j];
            }
        }

        var map = new float[runner.Plane];
        var sum = 0.0;
        for (var j = 0; j < n; j++)
        {
            var a = attributions[j] / o.Steps * (x[j] - b[j]);
            sum += a;
            map[j % runner.Plane] += (float)a;
        }

        var fx = GradientRunner.Score(target, result, bound, o.Steps);
        var fb = GradientRunner.Score(target, result, bound, o.Steps + 1);
        var diagnostics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["attribution_sum"] = sum,
            ["score_difference"] = fx - fb,
            ["completeness_error"] = Math.Abs(sum - (fx - fb)),
            ["steps"] = o.Steps,
        };
        return new AttributionMap("integrated-gradients", runner.AtInputSize(image), target, fx, runner.Width, runner.Height, map, diagnostics);
    }
}
