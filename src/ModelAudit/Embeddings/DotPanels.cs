using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelAudit.Embeddings;

/// <summary>
/// Rows kept as panels of 32, dimension-major, for the AVX-512 Gram kernel: one value of a row is broadcast against 32
/// panel rows at once, so six rows accumulate in twelve registers with no horizontal sums at the end.
/// </summary>
internal sealed class DotPanels
{
    public const int Panel = 32;
    private const int PanelRows = 6;
    private readonly float[] _panels;
    private readonly float[] _rows;
    private readonly int _stride;
    private readonly int _dimension;

    private DotPanels(float[] panels, float[] rows, int stride, int dimension)
    {
        _panels = panels;
        _rows = rows;
        _stride = stride;
        _dimension = dimension;
    }

    /// <summary>Panels of <paramref name="x"/>; <paramref name="rows"/> are the same rows, padded to <paramref name="stride"/>.</summary>
    public static DotPanels Pack(float[] x, int n, int d, float[] rows, int stride)
    {
        var panels = new float[(long)((n + Panel - 1) / Panel) * Panel * d];
        for (var i = 0; i < n; i++)
        {
            var at = (long)(i / Panel) * Panel * d;
            for (var k = 0; k < d; k++)
            {
                panels[at + (k * Panel) + (i % Panel)] = x[(i * d) + k];
            }
        }

        return new DotPanels(panels, rows, stride, d);
    }

    /// <summary>As <see cref="DotProducts.Fill"/>, for <paramref name="j0"/> a multiple of 32.</summary>
    public void Fill(int i0, int rows, int j0, int cols, float[] dest, int offset, int destStride)
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

    private ref float Row(int i) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), (nint)i * _stride);
}
