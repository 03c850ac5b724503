using System.Diagnostics;

namespace ModelAudit.Models;

/// <summary>
/// Chooses a model's batch size by timing it on a fixed synthetic input: sizes 1, 2, 4, … in turn, three rounds, each
/// size keeping its best time per image. Round-robin rather than size after size, so that a machine that slows down
/// as it warms (or a neighbour that wakes up) weighs on every size alike. The largest size tried is the one for
/// which three rounds fit in half a second, going by a batch-1 run (64 at most); the smallest size within 5% of the
/// fastest wins, so memory is not spent for noise.
/// </summary>
/// <remarks>
/// ONNX Runtime's CPU results do not depend on the batch size (tested bit for bit on every bundled model), so the
/// choice changes speed only, never an audit's numbers.
/// </remarks>
internal static class BatchSizing
{
    public const int Limit = 64;
    private const int Rounds = 3;
    private const double Tolerance = 1.05;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(0.5);

    public static int Measure(InferenceEngine engine, int sampleLength)
    {
        // A smooth pattern in [-1, 1]: what normalised images look like to the arithmetic (no zeros, no denormals).
        var inputs = new float[Limit * sampleLength];
        for (var i = 0; i < sampleLength; i++)
        {
            inputs[i] = (float)Math.Sin(i * 0.37);
        }

        for (var b = 1; b < Limit; b++)
        {
            inputs.AsSpan(0, sampleLength).CopyTo(inputs.AsSpan(b * sampleLength, sampleLength));
        }

        double Time(int batch)
        {
            var watch = Stopwatch.StartNew();
            engine.Run(inputs.AsSpan(0, batch * sampleLength), batch, batch, checkFinite: false);
            return watch.Elapsed.TotalSeconds;
        }

        Time(1);
        var single = Time(1);
        var sizes = new List<int> { 1 };
        while (sizes[^1] < Limit && Rounds * ((4 * sizes[^1]) - 1) * single <= Budget.TotalSeconds)
        {
            sizes.Add(2 * sizes[^1]);
        }

        var best = sizes.Select(_ => double.PositiveInfinity).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < sizes.Count; i++)
            {
                best[i] = Math.Min(best[i], Time(sizes[i]) / sizes[i]);
            }
        }

        var fastest = best.Min();
        return sizes[Array.FindIndex(best, t => t <= Tolerance * fastest)];
    }
}
