using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace ModelAudit.Embeddings;

/// <summary>
/// Squared Euclidean distances of every row against every row, one block of rows at a time, from dot products:
/// ‖a−b‖² = ‖a‖² + ‖b‖² − 2a·b. Row blocks run in parallel; each distance is computed by one thread in a fixed
/// order, so every row's values are the same whatever the scheduling.
/// </summary>
internal static class PairwiseDistances
{
    private const int RowBlock = 32;
    private const int ColumnBlock = 64;

    /// <summary>Calls <paramref name="rowBlock"/> with (first row, row count, distances rows × n) for every block of rows.</summary>
    public static void ForEachRowBlock(float[] x, int n, int d, Action<int, int, float[]> rowBlock)
    {
        var norms = SquaredNorms(x, n, d);
        var blocks = (n + RowBlock - 1) / RowBlock;
        Parallel.For(0, blocks, () => new float[RowBlock * n], (b, _, tile) =>
        {
            var i0 = b * RowBlock;
            var rows = Math.Min(RowBlock, n - i0);
            Fill(x, norms, n, d, i0, rows, tile);
            rowBlock(i0, rows, tile);
            return tile;
        }, _ => { });
    }

    public static float[] SquaredNorms(float[] x, int n, int d)
    {
        var norms = new float[n];
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * d, d);
            norms[i] = TensorPrimitives.Dot(row, row);
        }

        return norms;
    }

    private static void Fill(float[] x, float[] norms, int n, int d, int i0, int rows, float[] tile)
    {
        for (var j0 = 0; j0 < n; j0 += ColumnBlock)
        {
            var cols = Math.Min(ColumnBlock, n - j0);
            DotBlock(x, d, i0, rows, j0, cols, tile, n);
        }

        for (var r = 0; r < rows; r++)
        {
            var ni = norms[i0 + r];
            var line = tile.AsSpan(r * n, n);
            for (var j = 0; j < n; j++)
            {
                line[j] = Math.Max(0f, ni + norms[j] - (2f * line[j]));
            }

            line[i0 + r] = 0f;
        }
    }

    /// <summary>Dot products of rows i0.. against rows j0.., two rows by four columns per pass to reuse loads.</summary>
    private static void DotBlock(float[] x, int d, int i0, int rows, int j0, int cols, float[] tile, int stride)
    {
        var vectorised = Vector256.IsHardwareAccelerated && d % Vector256<float>.Count == 0;
        var r = 0;
        for (; vectorised && r + 2 <= rows; r += 2)
        {
            var c = 0;
            for (; c + 4 <= cols; c += 4)
            {
                Kernel2x4(x, d, i0 + r, j0 + c, tile, (r * stride) + j0 + c, stride);
            }

            for (; c < cols; c++)
            {
                tile[(r * stride) + j0 + c] = Dot(x, d, i0 + r, j0 + c);
                tile[((r + 1) * stride) + j0 + c] = Dot(x, d, i0 + r + 1, j0 + c);
            }
        }

        for (; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                tile[(r * stride) + j0 + c] = Dot(x, d, i0 + r, j0 + c);
            }
        }
    }

    private static float Dot(float[] x, int d, int i, int j) => TensorPrimitives.Dot(x.AsSpan(i * d, d), x.AsSpan(j * d, d));

    private static void Kernel2x4(float[] x, int d, int i, int j, float[] tile, int at, int stride)
    {
        var a0 = x.AsSpan(i * d, d);
        var a1 = x.AsSpan((i + 1) * d, d);
        var b0 = x.AsSpan(j * d, d);
        var b1 = x.AsSpan((j + 1) * d, d);
        var b2 = x.AsSpan((j + 2) * d, d);
        var b3 = x.AsSpan((j + 3) * d, d);
        Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default;
        for (var k = 0; k < d; k += Vector256<float>.Count)
        {
            var va0 = Vector256.Create<float>(a0[k..]);
            var va1 = Vector256.Create<float>(a1[k..]);
            var vb = Vector256.Create<float>(b0[k..]);
            s00 = Vector256.FusedMultiplyAdd(va0, vb, s00);
            s10 = Vector256.FusedMultiplyAdd(va1, vb, s10);
            vb = Vector256.Create<float>(b1[k..]);
            s01 = Vector256.FusedMultiplyAdd(va0, vb, s01);
            s11 = Vector256.FusedMultiplyAdd(va1, vb, s11);
            vb = Vector256.Create<float>(b2[k..]);
            s02 = Vector256.FusedMultiplyAdd(va0, vb, s02);
            s12 = Vector256.FusedMultiplyAdd(va1, vb, s12);
            vb = Vector256.Create<float>(b3[k..]);
            s03 = Vector256.FusedMultiplyAdd(va0, vb, s03);
            s13 = Vector256.FusedMultiplyAdd(va1, vb, s13);
        }

        tile[at] = Vector256.Sum(s00);
        tile[at + 1] = Vector256.Sum(s01);
        tile[at + 2] = Vector256.Sum(s02);
        tile[at + 3] = Vector256.Sum(s03);
        tile[at + stride] = Vector256.Sum(s10);
        tile[at + stride + 1] = Vector256.Sum(s11);
        tile[at + stride + 2] = Vector256.Sum(s12);
        tile[at + stride + 3] = Vector256.Sum(s13);
    }
}
