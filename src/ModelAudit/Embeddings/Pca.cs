using System.Numerics.Tensors;

namespace ModelAudit.Embeddings;

/// <summary>
/// Principal component analysis by eigen-decomposition of the sample covariance: power iteration from a seeded
/// start, with deflation, in double precision. Deterministic: the covariance is computed entry by entry in a fixed
/// order and each axis's sign is fixed so that its largest-magnitude entry is positive.
/// </summary>
public static class Pca
{
    private const int MaxIterations = 3000;
    private const double Tolerance = 1e-12;

    public static PcaResult Fit(float[] features, int dimension, int components = 2, int seed = 0)
    {
        var n = FeatureMatrix.Rows(features, dimension);
        if (components < 1 || components > Math.Min(dimension, n))
        {
            throw new ArgumentOutOfRangeException(nameof(components), components, $"Components must be between 1 and min(D = {dimension}, n = {n}).");
        }

        var d = dimension;
        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += features[(i * d) + j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= n;
        }

        var cov = Covariance(features, n, d, mean);
        var total = 0.0;
        for (var j = 0; j < d; j++)
        {
            total += cov[(j * d) + j];
        }

        var axes = new double[components * d];
        var variances = new double[components];
        var random = new Random(seed);
        for (var c = 0; c < components; c++)
        {
            var v = PowerIteration(cov, d, random);
            var lambda = Quadratic(cov, d, v);
            FixSign(v);
            v.CopyTo(axes.AsSpan(c * d, d));
            variances[c] = Math.Max(0, lambda);
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    cov[(a * d) + b] -= lambda * v[a] * v[b];
                }
            }
        }

        var projection = new float[n * components];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < components; c++)
            {
                var s = 0.0;
                for (var j = 0; j < d; j++)
                {
                    s += (features[(i * d) + j] - mean[j]) * axes[(c * d) + j];
                }

                projection[(i * components) + c] = (float)s;
            }
        }

        return new PcaResult(mean, axes, variances, variances.Select(v => total > 0 ? v / total : 0).ToArray(), projection);
    }

    /// <summary>Sample covariance (divisor n − 1) from the centred columns, one entry per dot product.</summary>
    private static double[] Covariance(float[] x, int n, int d, double[] mean)
    {
        var columns = new float[d * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                columns[(j * n) + i] = (float)(x[(i * d) + j] - mean[j]);
            }
        }

        var cov = new double[d * d];
        var divisor = Math.Max(1, n - 1);
        Parallel.For(0, d, a =>
        {
            var ca = columns.AsSpan(a * n, n);
            for (var b = a; b < d; b++)
            {
                cov[(a * d) + b] = TensorPrimitives.Dot(ca, columns.AsSpan(b * n, n)) / (double)divisor;
            }
        });
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < a; b++)
            {
                cov[(a * d) + b] = cov[(b * d) + a];
            }
        }

        return cov;
    }

    private static double[] PowerIteration(double[] m, int d, Random random)
    {
        var v = new double[d];
        for (var j = 0; j < d; j++)
        {
            v[j] = random.NextDouble() - 0.5;
        }

        Normalise(v);
        var w = new double[d];
        for (var it = 0; it < MaxIterations; it++)
        {
            for (var a = 0; a < d; a++)
            {
                w[a] = TensorPrimitives.Dot(m.AsSpan(a * d, d), v);
            }

            if (Normalise(w) == 0)
            {
                return v;
            }

            var change = 0.0;
            for (var j = 0; j < d; j++)
            {
                change = Math.Max(change, Math.Abs(Math.Abs(w[j]) - Math.Abs(v[j])));
            }

            (v, w) = (w, v);
            if (change < Tolerance)
            {
                break;
            }
        }

        return v;
    }

    private static double Quadratic(double[] m, int d, double[] v)
    {
        var s = 0.0;
        for (var a = 0; a < d; a++)
        {
            s += v[a] * TensorPrimitives.Dot(m.AsSpan(a * d, d), v);
        }

        return s;
    }

    private static double Normalise(double[] v)
    {
        var norm = Math.Sqrt(TensorPrimitives.Dot<double>(v, v));
        if (norm > 0)
        {
            for (var j = 0; j < v.Length; j++)
            {
                v[j] /= norm;
            }
        }

        return norm;
    }

    private static void FixSign(double[] v)
    {
        var at = 0;
        for (var j = 1; j < v.Length; j++)
        {
            if (Math.Abs(v[j]) > Math.Abs(v[at]))
            {
                at = j;
            }
        }

        if (v[at] < 0)
        {
            for (var j = 0; j < v.Length; j++)
            {
                v[j] = -v[j];
            }
        }
    }
}
