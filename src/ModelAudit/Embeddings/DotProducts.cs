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

    private const int Panel = 32;
    private const int PanelRows = 6;
    private readonly float[]? _panels;
    private readonly int _dimension;

    private DotProducts(float[] rows, int stride, float[]? panels, int dimension)
    {
        _dimension = dimension;
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

        if (!Vector512.IsHardwareAccelerated)
        {
            return new DotProducts(rows, stride, null, d);
        }

        // With AVX-512, also keep the rows as panels of 32, dimension-major: the kernel then broadcasts one value of a
        // row against 32 columns at once and needs no horizontal sums.
        var panels = new float[(long)((n + Panel - 1) / Panel) * Panel * d];
        for (var i = 0; i < n; i++)
        {
            var at = (long)(i / Panel) * Panel * d;
            for (var k = 0; k < d; k++)
            {
                panels[at + (k * Panel) + (i % Panel)] = x[(i * d) + k];
            }
        }

        return new DotProducts(rows, stride, panels, d);
    }

    /// <summary>Writes row(i0 + r) · row(j0 + c) to <c>dest[offset + r·destStride + c]</c> for r &lt; rows, c &lt; cols.</summary>
    public void Fill(int i0, int rows, int j0, int cols, float[] dest, int offset, int destStride)
    {
        if (_panels is not null && j0 % Panel == 0)
        {
            FillFromPanels(i0, rows, j0, cols, dest, offset, destStride);
            return;
        }

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

    private void FillFromPanels(int i0, int rows, int j0, int cols, float[] dest, int offset, int destStride)
    {
        Span<float> block = stackalloc float[PanelRows * Panel];
        for (var c = 0; c < cols; c += Panel)
        {
            var width = Math.Min(Panel, cols - c);
            var r = 0;
            for (; r < rows; r += PanelRows)
            {
                var height = Math.Min(PanelRows, rows - r);
                Kernel6x32(i0 + r, height, (j0 + c) / Panel, block);
                for (var q = 0; q < height; q++)
                {
                    block.Slice(q * Panel, width).CopyTo(dest.AsSpan(offset + ((r + q) * destStride) + c, width));
                }
            }
        }
    }

    /// <summary>Rows i … i + height − 1 (height ≤ 6) against the 32 rows of one panel, into block[r · 32 + c].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Kernel6x32(int i, int height, int panel, Span<float> block)
    {
        var d = _dimension;
        ref var p = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_panels!), (nint)panel * Panel * d);
        ref var a0 = ref Row(i);
        ref var a1 = ref Row(i + Math.Min(1, height - 1));
        ref var a2 = ref Row(i + Math.Min(2, height - 1));
        ref var a3 = ref Row(i + Math.Min(3, height - 1));
        ref var a4 = ref Row(i + Math.Min(4, height - 1));
        ref var a5 = ref Row(i + Math.Min(5, height - 1));
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var k = 0; k < d; k++)
        {
            var b0 = Vector512.LoadUnsafe(ref p, (nuint)(k * Panel));
            var b1 = Vector512.LoadUnsafe(ref p, (nuint)((k * Panel) + 16));
            var a = Vector512.Create(Unsafe.Add(ref a0, k));
            c00 = Vector512.FusedMultiplyAdd(a, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(Unsafe.Add(ref a1, k));
            c10 = Vector512.FusedMultiplyAdd(a, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(Unsafe.Add(ref a2, k));
            c20 = Vector512.FusedMultiplyAdd(a, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(Unsafe.Add(ref a3, k));
            c30 = Vector512.FusedMultiplyAdd(a, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(Unsafe.Add(ref a4, k));
            c40 = Vector512.FusedMultiplyAdd(a, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(Unsafe.Add(ref a5, k));
            c50 = Vector512.FusedMultiplyAdd(a, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
        }

        ref var o = ref MemoryMarshal.GetReference(block);
        c00.StoreUnsafe(ref o, 0);
        c01.StoreUnsafe(ref o, 16);
        c10.StoreUnsafe(ref o, 32);
        c11.StoreUnsafe(ref o, 48);
        c20.StoreUnsafe(ref o, 64);
        c21.StoreUnsafe(ref o, 80);
        c30.StoreUnsafe(ref o, 96);
        c31.StoreUnsafe(ref o, 112);
        c40.StoreUnsafe(ref o, 128);
        c41.StoreUnsafe(ref o, 144);
        c50.StoreUnsafe(ref o, 160);
        c51.StoreUnsafe(ref o, 176);
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
