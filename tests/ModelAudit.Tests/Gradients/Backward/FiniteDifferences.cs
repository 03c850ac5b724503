using ModelAudit.Gradients.Backward;
using ModelAudit.Models;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>Checks a backward graph against central finite differences of Σ seed·target, on random inputs.</summary>
internal static class FiniteDifferences
{
    public static readonly EngineOptions Options = new() { Threads = 1, BatchSize = 256 };

    public static GradientEngine Engine(byte[] onnx, int[] inputShape, string target = "y", string wrt = "x", ReluRule rule = ReluRule.Gradient) =>
        GradientEngine.Create(Graph(onnx), "x", inputShape, dynamicBatch: true, target, wrt, rule, Options);

    public static ModelGraph Graph(byte[] onnx) => new(OnnxFile.Parse(onnx, "tiny.onnx"), "tiny.onnx");

    /// <summary>The values 0.01·k − count/200 for k = 0..count−1, in a seeded random order.</summary>
    public static float[] Distinct(int count, int seed)
    {
        var values = Enumerable.Range(0, count).Select(k => (float)((0.01 * k) - (count / 200.0))).ToArray();
        new Random(seed).Shuffle(values);
        return values;
    }

    public static float[] Random(int count, int seed, double scale = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(((random.NextDouble() * 2) - 1) * scale)).ToArray();
    }

    /// <summary>
    /// Largest |analytic − numeric| over two samples, relative to the largest gradient magnitude (at least 1). With
    /// <paramref name="distinct"/>, every input value is at least 0.01 from every other, so that a max over
    /// overlapping windows never has two candidates within the perturbation of each other.
    /// </summary>
    public static double RelativeError(byte[] onnx, int[] inputShape, string target = "y", double h = 1e-3, int seed = 7, double inputScale = 1, bool distinct = false)
    {
        using var engine = Engine(onnx, inputShape, target);
        const int samples = 2;
        var n = engine.InputLength;
        var x = distinct ? Distinct(samples * n, seed) : Random(samples * n, seed, inputScale);
        var seeds = Random(samples * engine.TargetLength, seed + 1);
        var analytic = engine.Run(x, seeds, samples).Gradient;

        // Every ± perturbation of every element of every sample, in one batched run.
        var count = samples * n * 2;
        var perturbed = new float[count * n];
        var perturbedSeeds = new float[count * engine.TargetLength];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var sign = 0; sign < 2; sign++)
                {
                    var k = (((s * n) + j) * 2) + sign;
                    x.AsSpan(s * n, n).CopyTo(perturbed.AsSpan(k * n));
                    perturbed[(k * n) + j] += (float)(sign == 0 ? h : -h);
                    seeds.AsSpan(s * engine.TargetLength, engine.TargetLength).CopyTo(perturbedSeeds.AsSpan(k * engine.TargetLength));
                }
            }
        }

        var targets = engine.Run(perturbed, perturbedSeeds, count).Target;
        double F(int k, int s)
        {
            var sum = 0.0;
            for (var t = 0; t < engine.TargetLength; t++)
            {
                sum += (double)targets[(k * engine.TargetLength) + t] * seeds[(s * engine.TargetLength) + t];
            }

            return sum;
        }

        double worst = 0, largest = 1;
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < n; j++)
            {
                var k = ((s * n) + j) * 2;
                var numeric = (F(k, s) - F(k + 1, s)) / (2 * h);
                worst = Math.Max(worst, Math.Abs(numeric - analytic[(s * n) + j]));
                largest = Math.Max(largest, Math.Abs(analytic[(s * n) + j]));
            }
        }

        return worst / largest;
    }
}
