namespace ModelAudit.Tests.Embeddings;

/// <summary>Well-separated Gaussian clusters: centres 20 apart on the axes, unit spread.</summary>
internal static class Clusters
{
    public static (float[] X, int[] Labels) Gaussian(int perCluster, int clusters, int dimension, int seed)
    {
        var rng = new Random(seed);
        var n = perCluster * clusters;
        var x = new float[n * dimension];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % clusters;
            for (var j = 0; j < dimension; j++)
            {
                var noise = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                x[(i * dimension) + j] = (float)((j == labels[i] ? 20 : 0) + noise);
            }
        }

        return (x, labels);
    }
}
