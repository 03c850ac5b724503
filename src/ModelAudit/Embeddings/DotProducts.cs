using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelAudit.Embeddings;

/// <summary>
/// Blocks of the Gram matrix X·Xᵀ of row-major features. Rows are copied once, zero-padded to a whole number of
/// vectors, so the inner loops need no tails; a 4 × 4 register-blocked kernel (AVX-512, else AVX2) reuses every load
/// four times. Each dot product is summed in one fixed order, so a value never depends on scheduling.
/// </summary>
internal sealed class DotProducts
{
    private const int ColumnBlock = 128;

    private DotProducts(float[] rows, int stride)
    {
        Rows = rows;
        Stride = stride;
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

        return new DotProducts(rows, stride);
    }

    /// <summary>Writes row(i0 + r) · row(j0 + c) to <c>dest[offset + r·destStride + c]</c> for r &lt; rows, c &lt; cols.</summary>
    public void Fill(int i0, int rows, int j0, int cols, float[] dest, int offset, int destStride)
    {
        for (var cb = 0; cb < cols; cb += ColumnBlock)
        {
            var cn = Math.Min(ColumnBlock, cols - cb);
            var r = 0;
            for (; r + 4 <= rows; r += 4)
            {
                var c = 0;
                for (; c + 4 <= cn; c += 4)
                {
                    Kernel4x4(i0 + r, j0 + cb + c, dest, offset + (r * destStride) + cb + c, destStride);
                }

                for (; c < cn; c++)
                {
                    for (var q = 0; q < 4; q++)
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

    private void Kernel4x4(int i, int j, float[] dest, int at, int destStride)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            for (var r = 0; r < 4; r++)
            {
                for (var c = 0; c < 4; c++)
                {
                    dest[at + (r * destStride) + c] = Dot(i + r, j + c);
                }
            }

            return;
        }

        ref var a0 = ref Row(i);
        ref var a1 = ref Row(i + 1);
        ref var a2 = ref Row(i + 2);
        ref var a3 = ref Row(i + 3);
        ref var b0 = ref Row(j);
        ref var b1 = ref Row(j + 1);
        ref var b2 = ref Row(j + 2);
        ref var b3 = ref Row(j + 3);
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;
        for (nuint k = 0; k < (nuint)Stride; k += (nuint)Vector512<float>.Count)
        {
            var va0 = Vector512.LoadUnsafe(ref a0, k);
            var va1 = Vector512.LoadUnsafe(ref a1, k);
            var va2 = Vector512.LoadUnsafe(ref a2, k);
            var va3 = Vector512.LoadUnsafe(ref a3, k);
            var vb = Vector512.LoadUnsafe(ref b0, k);
            s00 = Vector512.FusedMultiplyAdd(va0, vb, s00);
            s10 = Vector512.FusedMultiplyAdd(va1, vb, s10);
            s20 = Vector512.FusedMultiplyAdd(va2, vb, s20);
            s30 = Vector512.FusedMultiplyAdd(va3, vb, s30);
            vb = Vector512.LoadUnsafe(ref b1, k);
            s01 = Vector512.FusedMultiplyAdd(va0, vb, s01);
            s11 = Vector512.FusedMultiplyAdd(va1, vb, s11);
            s21 = Vector512.FusedMultiplyAdd(va2, vb, s21);
            s31 = Vector512.FusedMultiplyAdd(va3, vb, s31);
            vb = Vector512.LoadUnsafe(ref b2, k);
            s02 = Vector512.FusedMultiplyAdd(va0, vb, s02);
            s12 = Vector512.FusedMultiplyAdd(va1, vb, s12);
            s22 = Vector512.FusedMultiplyAdd(va2, vb, s22);
            s32 = Vector512.FusedMultiplyAdd(va3, vb, s32);
            vb = Vector512.LoadUnsafe(ref b3, k);
            s03 = Vector512.FusedMultiplyAdd(va0, vb, s03);
            s13 = Vector512.FusedMultiplyAdd(va1, vb, s13);
            s23 = Vector512.FusedMultiplyAdd(va2, vb, s23);
            s33 = Vector512.FusedMultiplyAdd(va3, vb, s33);
        }

        Store(dest, at, s00, s01, s02, s03);
        Store(dest, at + destStride, s10, s11, s12, s13);
        Store(dest, at + (2 * destStride), s20, s21, s22, s23);
        Store(dest, at + (3 * destStride), s30, s31, s32, s33);
    }

    private static void Store(float[] dest, int at, Vector512<float> c0, Vector512<float> c1, Vector512<float> c2, Vector512<float> c3)
    {
        dest[at] = Vector512.Sum(c0);
        dest[at + 1] = Vector512.Sum(c1);
        dest[at + 2] = Vector512.Sum(c2);
        dest[at + 3] = Vector512.Sum(c3);
    }
}
