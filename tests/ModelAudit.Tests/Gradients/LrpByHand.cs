using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Tests.Gradients;

/// <summary>
/// Relevance rules worked by hand for the LRP tests: every layer written as a dense matrix by loops, the rules'
/// formulas applied to it in double precision.
/// </summary>
internal static class LrpByHand
{
    /// <summary>z = M·a + b for a row-major M of <paramref name="rows"/> rows.</summary>
    public static double[] Linear(double[] m, double[] b, double[] a, int rows) =>
        Enumerable.Range(0, rows).Select(k => b[k] + Enumerable.Range(0, a.Length).Sum(j => m[(k * a.Length) + j] * a[j])).ToArray();

    public static double Stabilise(double z, double epsilon) => z < 0 ? z - epsilon : z + epsilon;

    public static double[] EpsilonRule(double[] m, double[] b, double[] a, double[] r, double epsilon)
    {
        var z = Linear(m, b, a, r.Length);
        return Enumerable.Range(0, a.Length).Select(j => Enumerable.Range(0, r.Length).Sum(k => a[j] * m[(k * a.Length) + j] / Stabilise(z[k], epsilon) * r[k])).ToArray();
    }

    public static double[] AlphaBetaRule(double[] m, double[] a, double[] r, double alpha, double beta, double epsilon)
    {
        double Product(int k, int j) => a[j] * m[(k * a.Length) + j];
        var positive = Enumerable.Range(0, r.Length).Select(k => Enumerable.Range(0, a.Length).Sum(j => Math.Max(Product(k, j), 0))).ToArray();
        var negative = Enumerable.Range(0, r.Length).Select(k => Enumerable.Range(0, a.Length).Sum(j => Math.Min(Product(k, j), 0))).ToArray();
        return Enumerable.Range(0, a.Length).Select(j => Enumerable.Range(0, r.Length).Sum(k =>
            ((alpha * Math.Max(Product(k, j), 0) / Stabilise(positive[k], epsilon)) - (beta * Math.Min(Product(k, j), 0) / Stabilise(negative[k], epsilon))) * r[k])).ToArray();
    }

    public static double[] BoxRule(double[] m, double[] x, double low, double high, double[] r, double epsilon)
    {
        double Term(int k, int j)
        {
            var w = m[(k * x.Length) + j];
            return (w * x[j]) - (Math.Max(w, 0) * low) - (Math.Min(w, 0) * high);
        }

        var z = Enumerable.Range(0, r.Length).Select(k => Enumerable.Range(0, x.Length).Sum(j => Term(k, j))).ToArray();
        return Enumerable.Range(0, x.Length).Select(j => Enumerable.Range(0, r.Length).Sum(k => Term(k, j) / Stabilise(z[k], epsilon) * r[k])).ToArray();
    }

    /// <summary>A 2×2 convolution, stride 1, no padding, over <paramref name="inChannels"/>×size×size, as a dense matrix.</summary>
    public static double[] ConvMatrix(double[] kernel, int outChannels, int inChannels, int size)
    {
        var outSize = size - 1;
        var (rows, cols) = (outChannels * outSize * outSize, inChannels * size * size);
        var m = new double[rows * cols];
        for (var o = 0; o < outChannels; o++)
        {
            for (var oy = 0; oy < outSize; oy++)
            {
                for (var ox = 0; ox < outSize; ox++)
                {
                    for (var i = 0; i < inChannels; i++)
                    {
                        for (var ky = 0; ky < 2; ky++)
                        {
                            for (var kx = 0; kx < 2; kx++)
                            {
                                var row = (((o * outSize) + oy) * outSize) + ox;
                                var col = (((i * size) + oy + ky) * size) + ox + kx;
                                m[(row * cols) + col] = kernel[(((((o * inChannels) + i) * 2) + ky) * 2) + kx];
                            }
                        }
                    }
                }
            }
        }

        return m;
    }

    public static float[] Floats(double[] values) => values.Select(v => (float)v).ToArray();

    public static RgbImage Gray(byte[] values, int size) =>
        RgbImage.FromPixels(size, size, values.SelectMany(v => new[] { v, v, v }).ToArray());

    public static double[] Tensor(AuditModel model, RgbImage image)
    {
        var x = new float[model.Spec.TensorLength];
        model.Spec.WriteTensor(image, x);
        return x.Select(v => (double)v).ToArray();
    }
}
