namespace ModelAudit.Embeddings;

/// <summary>
/// t-distributed stochastic neighbour embedding (van der Maaten and Hinton 2008) of feature rows into 2-D:
/// sparse kNN affinities, early exaggeration, momentum with per-parameter gains, exact repulsion for small sets
/// and FFT-accelerated interpolation (FIt-SNE) for large ones; Barnes–Hut on request. Seeded and bit-identical from
/// run to run.
/// </summary>
public static class Tsne
{
    public static TsneResult Embed(float[] features, int dimension, TsneOptions? options = null)
    {
        var o = options ?? new TsneOptions();
        var n = FeatureMatrix.Rows(features, dimension);
        o.Validate(n);
        var perplexity = Math.Min(o.Perplexity, (n - 1) / 3.0);
        var learningRate = o.LearningRate ?? Math.Max(n / o.EarlyExaggeration / 4, 50);
        var method = o.Method ?? (n > o.ExactThreshold ? TsneMethod.Fft : TsneMethod.Exact);
        var p = TsneAffinities.Compute(features, n, dimension, perplexity);
        var y = Initial(features, dimension, n, o);
        var gradient = new double[2 * n];
        var update = new double[2 * n];
        var gains = new double[2 * n];
        Array.Fill(gains, 1.0);
        var engine = new TsneGradient(p, n, method, o.Theta);
        for (var it = 0; it < o.Iterations; it++)
        {
            var early = it < o.ExaggerationIterations;
            engine.Compute(y, early ? o.EarlyExaggeration : 1, gradient);
            var momentum = early ? 0.5 : 0.8;
            for (var c = 0; c < 2 * n; c++)
            {
                // Delta-bar-delta gains: grow a coordinate's step while its gradient keeps its sign.
                gains[c] = gradient[c] * update[c] < 0 ? gains[c] + 0.2 : Math.Max(gains[c] * 0.8, 0.01);
                update[c] = (momentum * update[c]) - (learningRate * gains[c] * gradient[c]);
                y[c] += update[c];
            }
        }

        var z = engine.Compute(y, 1, gradient);
        var kl = engine.KlDivergence(y, z);
        return new TsneResult(y.Select(v => (float)v).ToArray(), kl, o.Iterations, method, perplexity, learningRate);
    }

    private static double[] Initial(float[] x, int d, int n, TsneOptions o)
    {
        var y = new double[2 * n];
        if (o.Initialization == TsneInitialization.Pca && Math.Min(n, d) >= 2)
        {
            var projection = Pca.Fit(x, d, 2, o.Seed).Projection;
            var mean = 0.0;
            for (var i = 0; i < n; i++)
            {
                mean += projection[2 * i];
            }

            mean /= n;
            var sd = Math.Sqrt(Enumerable.Range(0, n).Sum(i => Math.Pow(projection[2 * i] - mean, 2)) / n);
            var scale = sd > 0 ? 1e-4 / sd : 1;
            for (var c = 0; c < 2 * n; c++)
            {
                y[c] = projection[c] * scale;
            }

            return y;
        }

        var random = new Random(o.Seed);
        for (var c = 0; c < 2 * n; c++)
        {
            // Box–Muller: a Gaussian from two uniforms, reproducible from the seed.
            var u = 1 - random.NextDouble();
            y[c] = 1e-4 * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        return y;
    }
}
