using System.Collections.Concurrent;

namespace ModelAudit.Filters;

/// <summary>
/// The null the noise score compares against: the same statistics for filters of i.i.d. Gaussian weights of the
/// filter's shape, which is also how torchvision (Kaiming normal) initialises convolutions. Both statistics are
/// scale-invariant, so the Gaussian's variance does not matter.
/// </summary>
internal static class NoiseNull
{
    /// <summary>Draws behind each simulated null: the mean's standard error is under 2% of a standard deviation.</summary>
    internal const int Draws = 4096;

    private const ulong Seed = 0x5EED_F117E45;

    private static readonly ConcurrentDictionary<(int Planes, int Height, int Width), NullMoments> Rank1Cache = new();

    /// <summary>
    /// Exact moments of <see cref="FilterMetrics.DirichletRatio"/>. It is a ratio of quadratic forms <c>wᵀAw / wᵀw</c>
    /// with A the grid Laplacian of each plane; for isotropic w over n weights, E = tr A / n and
    /// Var = 2 (n tr A² − (tr A)²) / (n² (n + 2)). On the grid, tr A = Σ deg and tr A² = Σ (deg² + deg).
    /// </summary>
    public static NullMoments Dirichlet(int planes, int kernelHeight, int kernelWidth)
    {
        double trace = 0, traceSquare = 0;
        for (var y = 0; y < kernelHeight; y++)
        {
            for (var x = 0; x < kernelWidth; x++)
            {
                var degree = (x > 0 ? 1 : 0) + (x + 1 < kernelWidth ? 1 : 0) + (y > 0 ? 1 : 0) + (y + 1 < kernelHeight ? 1 : 0);
                trace += degree;
                traceSquare += (degree * degree) + degree;
            }
        }

        double n = planes * kernelHeight * kernelWidth;
        trace *= planes;
        traceSquare *= planes;
        var variance = 2 * ((n * traceSquare) - (trace * trace)) / (n * n * (n + 2));
        return new NullMoments(trace / n, Math.Sqrt(Math.Max(variance, 0)));
    }

    /// <summary>
    /// Moments of <see cref="FilterMetrics.ChannelRank1Share"/> (the top eigenvalue share of a Wishart matrix, which has
    /// no simple closed form), from <see cref="Draws"/> seeded Gaussian filters; computed once per shape and cached.
    /// </summary>
    public static NullMoments ChannelRank1(int planes, int kernelHeight, int kernelWidth) =>
        Rank1Cache.GetOrAdd((planes, kernelHeight, kernelWidth), static key => Simulate(key.Planes, key.Height, key.Width));

    private static NullMoments Simulate(int planes, int kernelHeight, int kernelWidth)
    {
        var state = Seed ^ (ulong)((planes * 1_000_003) + (kernelHeight * 1_009) + kernelWidth);
        var filter = new float[planes * kernelHeight * kernelWidth];
        double sum = 0, sumSquares = 0;
        for (var draw = 0; draw < Draws; draw++)
        {
            for (var i = 0; i < filter.Length; i++)
            {
                filter[i] = (float)Gaussian(ref state);
            }

            var share = FilterMetrics.ChannelRank1Share(filter, kernelHeight, kernelWidth);
            sum += share;
            sumSquares += share * share;
        }

        var mean = sum / Draws;
        return new NullMoments(mean, Math.Sqrt(Math.Max((sumSquares / Draws) - (mean * mean), 0)));
    }

    // SplitMix64 and Box–Muller, spelled out so the null cannot change with System.Random's implementation.
    private static double Gaussian(ref ulong state)
    {
        var u1 = (Next(ref state) + 1.0) / 9007199254740993.0;
        var u2 = Next(ref state) / 9007199254740992.0;
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return (z ^ (z >> 31)) >> 11;
    }
}
