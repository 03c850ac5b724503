namespace ModelAudit.Embeddings;

public static partial class SeparationMetrics
{
    /// <summary>
    /// Trustworthiness of a low-dimensional map (Venna and Kaski 2001): 1 − 2/(n·k·(2n − 3k − 1)) · Σ_i Σ_(j ∈ U_i) (r(i, j) − k),
    /// where U_i are the map's k nearest neighbours of i that are not among its k nearest in the original space and
    /// r(i, j) is j's rank by original distance (1 = nearest). 1 means no false neighbours in the map.
    /// </summary>
    /// <param name="features">Original rows, <c>n × dimension</c>.</param>
    /// <param name="dimension">Length of an original row.</param>
    /// <param name="map">Map coordinates, <c>n × mapDimension</c> (usually 2).</param>
    /// <param name="mapDimension">Length of a map point (default 2).</param>
    /// <param name="k">Neighbourhood size (default 10).</param>
    public static double Trustworthiness(float[] features, int dimension, float[] map, int mapDimension = 2, int k = 10)
    {
        var n = FeatureMatrix.Rows(features, dimension);
        if (FeatureMatrix.Rows(map, mapDimension) != n)
        {
            throw new ArgumentException($"The map has {map.Length / mapDimension} points but there are {n} feature rows.", nameof(map));
        }

        if (k < 1 || k >= n / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {(n / 2) - 1} (below half the {n} points).");
        }

        var mapNeighbours = MapNeighbours(map, n, mapDimension, k);
        var penalty = new double[n];
        PairwiseDistances.ForEachRowBlock(features, n, dimension, (i0, rows, tile) =>
        {
            for (var r = 0; r < rows; r++)
            {
                var i = i0 + r;
                var line = tile.AsSpan(r * n, n);
                for (var m = 0; m < k; m++)
                {
                    var j = mapNeighbours[(i * k) + m];
                    var rank = Rank(line, i, j);
                    penalty[i] += rank > k ? rank - k : 0;
                }
            }
        });

        var total = 0.0;
        foreach (var p in penalty)
        {
            total += p;
        }

        return 1 - (2.0 / (n * k * ((2.0 * n) - (3.0 * k) - 1)) * total);
    }

    /// <summary>Rank of j by distance from the row's own point (1 = nearest, ties to the lower index).</summary>
    private static int Rank(ReadOnlySpan<float> line, int self, int j)
    {
        var dj = line[j];
        var rank = 1;
        for (var m = 0; m < line.Length; m++)
        {
            if (m != self && m != j && (line[m] < dj || (line[m] == dj && m < j)))
            {
                rank++;
            }
        }

        return rank;
    }

    private static int[] MapNeighbours(float[] map, int n, int d, int k)
    {
        var result = new int[n * k];
        Parallel.For(0, (n + 63) / 64, () => (new float[n], new float[k]), (b, _, buffers) =>
        {
            var (line, val) = buffers;
            for (var i = b * 64; i < Math.Min(n, (b + 1) * 64); i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var s = 0f;
                    for (var c = 0; c < d; c++)
                    {
                        var t = map[(i * d) + c] - map[(j * d) + c];
                        s += t * t;
                    }

                    line[j] = s;
                }

                NearestNeighbours.Select(line, i, result.AsSpan(i * k, k), val);
            }

            return buffers;
        }, _ => { });
        return result;
    }
}
