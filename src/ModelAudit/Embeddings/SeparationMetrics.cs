namespace ModelAudit.Embeddings;

/// <summary>
/// How well feature vectors separate their classes, as pure functions of a row-major <c>n × d</c> array and labels.
/// Distances run through blocked dot products in parallel, with every per-row figure computed by one thread in a
/// fixed order, so results do not depend on scheduling.
/// </summary>
public static partial class SeparationMetrics
{
    /// <summary>Mean silhouette over all rows, in [−1, 1]; higher is better separated (Rousseeuw 1987).</summary>
    public static double Silhouette(float[] features, int dimension, IReadOnlyList<int> labels, DistanceMetric metric = DistanceMetric.Euclidean) =>
        SilhouetteSamples(features, dimension, labels, metric).Average();

    /// <summary>
    /// Per-row silhouette s = (b − a) / max(a, b): a is the mean distance to the rest of the row's class, b the
    /// smallest mean distance to another class. A row alone in its class scores 0, as in scikit-learn.
    /// </summary>
    public static double[] SilhouetteSamples(float[] features, int dimension, IReadOnlyList<int> labels, DistanceMetric metric = DistanceMetric.Euclidean)
    {
        var n = FeatureMatrix.Rows(features, dimension, labels);
        var sizes = FeatureMatrix.ClassSizes(labels);
        if (sizes.Count(s => s > 0) < 2)
        {
            throw new ArgumentException("The silhouette needs at least two classes with members.", nameof(labels));
        }

        var cosine = metric == DistanceMetric.Cosine;
        var x = cosine ? FeatureMatrix.Normalised(features, n, dimension) : features;
        var label = labels.ToArray();
        var sums = ClassDistanceSums.Compute(x, n, dimension, label, sizes.Length, cosine);
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = Score(sums.AsSpan(i * sizes.Length, sizes.Length), sizes, label[i]);
        }

        return result;
    }

    /// <summary>Mean silhouette of each class's rows (NaN for a class without members).</summary>
    public static double[] ClassMeans(IReadOnlyList<double> perRow, IReadOnlyList<int> labels)
    {
        var sizes = FeatureMatrix.ClassSizes(labels);
        var sums = new double[sizes.Length];
        for (var i = 0; i < labels.Count; i++)
        {
            sums[labels[i]] += perRow[i];
        }

        return sums.Select((s, k) => sizes[k] == 0 ? double.NaN : s / sizes[k]).ToArray();
    }

    /// <summary>
    /// Leave-one-out k-nearest-neighbour accuracy (Euclidean): each row is classified by a majority vote of its k
    /// nearest other rows; a tied vote goes to the tied class whose member is nearest.
    /// </summary>
    public static double KnnAccuracy(float[] features, int dimension, IReadOnlyList<int> labels, int k = 5) =>
        KnnPredictions(features, dimension, labels, k).Select((p, i) => p == labels[i] ? 1.0 : 0.0).Average();

    /// <summary>The leave-one-out k-NN vote for every row.</summary>
    public static int[] KnnPredictions(float[] features, int dimension, IReadOnlyList<int> labels, int k = 5)
    {
        var n = FeatureMatrix.Rows(features, dimension, labels);
        if (k < 1 || k >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {n - 1} (rows − 1).");
        }

        var label = labels.ToArray();
        var classes = FeatureMatrix.ClassCount(labels);
        var predicted = new int[n];
        PairwiseDistances.ForEachRowBlock(features, n, dimension, (i0, rows, tile) =>
        {
            var idx = new int[k];
            var val = new float[k];
            var votes = new int[classes];
            for (var r = 0; r < rows; r++)
            {
                NearestNeighbours.Select(tile.AsSpan(r * n, n), i0 + r, idx, val);
                Array.Clear(votes);
                foreach (var j in idx)
                {
                    votes[label[j]]++;
                }

                var top = votes.Max();
                predicted[i0 + r] = label[idx.First(j => votes[label[j]] == top)];
            }
        });
        return predicted;
    }

    /// <summary>
    /// Davies–Bouldin index: the mean over classes of max over other classes of (S_i + S_j) / ‖c_i − c_j‖, where S is
    /// the mean distance of a class's rows to its centroid. Lower is better; 0 means point-like, distinct classes.
    /// </summary>
    public static double DaviesBouldin(float[] features, int dimension, IReadOnlyList<int> labels)
    {
        FeatureMatrix.Rows(features, dimension, labels);
        var sizes = FeatureMatrix.ClassSizes(labels);
        var c = FeatureMatrix.Centroids(features, dimension, labels);
        var spread = new double[sizes.Length];
        for (var i = 0; i < labels.Count; i++)
        {
            spread[labels[i]] += FeatureMatrix.Distance(features.AsSpan(i * dimension, dimension), c[labels[i]]) / sizes[labels[i]];
        }

        var present = Enumerable.Range(0, sizes.Length).Where(k => sizes[k] > 0).ToArray();
        return present.Average(a => present.Where(b => b != a).Max(b =>
            (spread[a] + spread[b]) / Math.Sqrt(c[a].Zip(c[b], (u, v) => (u - v) * (u - v)).Sum())));
    }

    /// <summary>
    /// Between-class over within-class scatter, trace(S_B) / trace(S_W): Σ_k n_k‖c_k − c‖² over Σ_i ‖x_i − c_(y_i)‖².
    /// Higher is better separated.
    /// </summary>
    public static double ScatterRatio(float[] features, int dimension, IReadOnlyList<int> labels)
    {
        var n = FeatureMatrix.Rows(features, dimension, labels);
        var sizes = FeatureMatrix.ClassSizes(labels);
        var c = FeatureMatrix.Centroids(features, dimension, labels);
        var mean = new double[dimension];
        for (var k = 0; k < c.Length; k++)
        {
            for (var j = 0; j < dimension; j++)
            {
                mean[j] += c[k][j] * sizes[k] / n;
            }
        }

        var between = Enumerable.Range(0, c.Length).Sum(k => sizes[k] * c[k].Zip(mean, (u, v) => (u - v) * (u - v)).Sum());
        var within = Enumerable.Range(0, n).Sum(i => Math.Pow(FeatureMatrix.Distance(features.AsSpan(i * dimension, dimension), c[labels[i]]), 2));
        return between / within;
    }

    private static double Score(ReadOnlySpan<double> sums, int[] sizes, int own)
    {
        if (sizes[own] < 2)
        {
            return 0;
        }

        var a = sums[own] / (sizes[own] - 1);
        var b = double.PositiveInfinity;
        for (var k = 0; k < sums.Length; k++)
        {
            if (k != own && sizes[k] > 0)
            {
                b = Math.Min(b, sums[k] / sizes[k]);
            }
        }

        var m = Math.Max(a, b);
        return m == 0 ? 0 : (b - a) / m;
    }
}
