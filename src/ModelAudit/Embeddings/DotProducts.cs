using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelAudit.Embeddings;

/// <summary>
/// Blocks of the Gram matrix X·Xᵀ of row-major features. Rows are copied once, zero-padded to a whole number of
/// vectors, so the inner loops need no tails. With AVX-512 the work goes to <see cref="DotPanels"/>; otherwise a 2 × 4
/// register-blocked AVX2 kernel reuses every load. Each dot product is summed in one fixed order, so a value never
/// depends on scheduling.
/// </summary>
internal sealed class DotProducts
{
    private const int ColumnBlock = 128;

    private readonly DotPanels? _panels;

    private DotProducts(float[] rows, int stride, DotPanels? panels)
    {
        Rows = rows;
        Stride = stride;
        _panels = panels;
    }

    /// <summary>The padded rows, <see cref="Stride"/> floats each.</summary>
    public float[] Rows { get; }

    public int Stride { get; }

    public static DotProducts Pack(float[] x, int n, int d)
    {
        var lanes = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;
        var stride = (d + lanes - 1) / lanes * lanes;
        var rows = new float[(long)n * stride];
        for (var i = 0; i < n; i++)
        {
            x.AsSpan(i * d, d).CopyTo(rows.AsSpan(i * stride, d));
        }

        return new DotProducts(rows, stride, Vector512.IsHardwareAccelerated ? DotPanels.Pack(x, n, d, rows, stride) : null);
    }

    /// <summary>Writes row(i0 + r) · row(j0 + c) to <c>dest[offset + r·destStride + c]</c> for r &lt; rows, c &lt; cols.</summary>
    public void Fill(int i0, int rows, int j0, int cols, float[] dest, int offset, int destStride)
    {
        if (_panels is not null && j0 % DotPanels.Panel == 0)
        {
            _panels.Fill(i0, rows, j0, cols, dest, offset, destStride);
            return;
        }

        for (var cb = 0; cb < cols; cb += ColumnBlock)
        {
            var cn = Math.Min(ColumnBlock, cols - cb);
            var r = 0;
            for (; r + 2 <= rows; r += 2)
            {
                var c = 0;
                for (; c + 4 <= cn; c += 4)
                {
                    Kernel2x4(i0 + r, j0 + cb + c, dest, offset + (r * destStride) + cb + c, destStride);
                }

                for (; c < cn; c++)
                {
                    for (var q = 0; q < 2; q++)
                    {
                        dest[offset + ((r + q) * destStride) + cb + c] = Dot(i0 + r + q, j0 + cb + c);
                    }
                }
            }

            for (; r < rows; r++)
            {
                for (var c = 0; c < cn; c++)
                {
                    dest[offset + (r * destStride) + cb + c] = Dot(i0 + r, j0 + cb + c);
                }
            }
        }
    }

    private float Dot(int i, int j)
    {
        ref var a = ref Row(i);
        ref var b = ref Row(j);
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512<float>.Zero;
            for (nuint k = 0; k < (nuint)Stride; k += (nuint)Vector512<float>.Count)
            {
                s = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, k), Vector512.LoadUnsafe(ref b, k), s);
            }

            return Vector512.Sum(s);
        }

        var t = Vector256<float>.Zero;
        for (nuint k = 0; k < (nuint)Stride; k += (nuint)Vector256<float>.Count)
        {
            t = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k), Vector256.LoadUnsafe(ref b, k), t);
        }

        return Vector256.Sum(t);
    }

    private ref float Row(int i) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Rows), (nint)i * Stride);

    /// <summary>Two rows against four: each load feeds two or four fused multiply-adds (AVX2).</summary>
    private void Kernel2x4(int i, int j, float[] dest, int at, int destStride)
    {
        ref var a0 = ref Row(i);
        ref var a1 = ref Row(i + 1);
        ref var b0 = ref Row(j);
        ref var b1 = ref Row(j + 1);
        ref var b2 = ref Row(j + 2);
        ref var b3 = ref Row(j + 3);
        Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default;
        for (nuint k = 0; k < (nuint)Stride; k += (nuint)Vector256<float>.Count)
        {
            var va0 = Vector256.LoadUnsafe(ref a0, k);
            var va1 = Vector256.LoadUnsafe(ref a1, k);
            var vb = Vector256.LoadUnsafe(ref b0, k);
            s00 = Vector256.FusedMultiplyAdd(va0, vb, s00);
            s10 = Vector256.FusedMultiplyAdd(va1, vb, s10);
            vb = Vector256.LoadUnsafe(ref b1, k);
            s01 = Vector256.FusedMultiplyAdd(va0, vb, s01);
            s11 = Vector256.FusedMultiplyAdd(va1, vb, s11);
            vb = Vector256.LoadUnsafe(ref b2, k);
            s02 = Vector256.FusedMultiplyAdd(va0, vb, s02);
            s12 = Vector256.FusedMultiplyAdd(va1, vb, s12);
            vb = Vector256.LoadUnsafe(ref b3, k);
            s03 = Vector256.FusedMultiplyAdd(va0, vb, s03);
            s13 = Vector256.FusedMultiplyAdd(va1, vb, s13);
        }

        dest[at] = Vector256.Sum(s00);
        dest[at + 1] = Vector256.Sum(s01);
        dest[at + 2] = Vector256.Sum(s02);
        dest[at + 3] = Vector256.Sum(s03);
        dest[at + destStride] = Vector256.Sum(s10);
        dest[at + destStride + 1] = Vector256.Sum(s11);
        dest[at + destStride + 2] = Vector256.Sum(s12);
        dest[at + destStride + 3] = Vector256.Sum(s13);
    }
}
