using System.Numerics.Tensors;

namespace ModelAudit.Embeddings;

/// <summary>Checks and helpers for row-major <c>n × d</c> feature arrays with one class label per row.</summary>
internal static class FeatureMatrix
{
    public static int Rows(float[] features, int dimension, IReadOnlyList<int>? labels = null)
    {
        if (dimension <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The feature dimension must be positive.");
        }

        if (features.Length % dimension != 0)
        {
            throw new ArgumentException($"{features.Length} feature values do not split into rows of {dimension}.", nameof(features));
        }

        var n = features.Length / dimension;
        if (labels is not null && labels.Count != n)
        {
            throw new ArgumentException($"There are {n} feature rows but {labels.Count} labels.", nameof(labels));
        }

        if (labels is not null && labels.Any(l => l < 0))
        {
            throw new ArgumentException($"Labels must be non-negative class indices; found {labels.First(l => l < 0)}.", nameof(labels));
        }

        return n;
    }

    public static int ClassCount(IReadOnlyList<int> labels) => labels.Count == 0 ? 0 : labels.Max() + 1;

    public static int[] ClassSizes(IReadOnlyList<int> labels)
    {
        var sizes = new int[ClassCount(labels)];
        foreach (var l in labels)
        {
            sizes[l]++;
        }

        return sizes;
    }

    /// <summary>Class means in double precision (a class without members gets a zero row).</summary>
    public static double[][] Centroids(float[] x, int d, IReadOnlyList<int> labels)
    {
        var sizes = ClassSizes(labels);
        var c = new double[sizes.Length][];
        for (var k = 0; k < c.Length; k++)
        {
            c[k] = new double[d];
        }

        for (var i = 0; i < labels.Count; i++)
        {
            var row = c[labels[i]];
            for (var j = 0; j < d; j++)
            {
                row[j] += x[(i * d) + j];
            }
        }

        for (var k = 0; k < c.Length; k++)
        {
            for (var j = 0; j < d && sizes[k] > 0; j++)
            {
                c[k][j] /= sizes[k];
            }
        }

        return c;
    }

    public static double Distance(ReadOnlySpan<float> a, double[] b)
    {
        double s = 0;
        for (var j = 0; j < a.Length; j++)
        {
            var t = a[j] - b[j];
            s += t * t;
        }

        return Math.Sqrt(s);
    }

    /// <summary>Rows scaled to unit length, so squared Euclidean distance is twice the cosine distance.</summary>
    public static float[] Normalised(float[] x, int n, int d)
    {
        var y = new float[x.Length];
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * d, d);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, y.AsSpan(i * d, d));
            }
        }

        return y;
    }
}
