namespace ModelAudit.Benchmarks.Embeddings;

/// <summary>Isotropic Gaussian blobs like scikit-learn's make_blobs: centres uniform in [−10, 10]^d, unit spread.</summary>
internal static class GaussianClusters
{
    public static (float[] Features, int[] Labels) Generate(int n, int d, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = new double[clusters * d];
        for (var c = 0; c < centres.Length; c++)
        {
            centres[c] = (random.NextDouble() * 20) - 10;
        }

        var features = new float[n * d];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % clusters;
            for (var j = 0; j < d; j++)
            {
                features[(i * d) + j] = (float)(centres[(labels[i] * d) + j] + Gaussian(random));
            }
        }

        return (features, labels);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
