using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>A C×H×W activation (one sample), or a patch of one placed at (<see cref="Y"/>, <see cref="X"/>) of a larger map.</summary>
internal sealed record Region(float[] Values, int Channels, int Height, int Width, int Y = 0, int X = 0)
{
    /// <summary>
    /// Fills <paramref name="destination"/> (C×<paramref name="height"/>×<paramref name="width"/>) with the window at
    /// (<paramref name="top"/>, <paramref name="left"/>) of this full map, and <paramref name="pad"/> where the window
    /// reaches past the map. Where the window meets <paramref name="patch"/> (C×ph×pw, placed at (py, px) of the map),
    /// the patch's values are taken instead: each value is written once.
    /// </summary>
    public void CropInto(Span<float> destination, int top, int left, int height, int width, float pad, ReadOnlySpan<float> patch = default, (int Y, int X, int Height, int Width) place = default)
    {
        if (destination.Length < Channels * height * width || (place.Height > 0 && patch.Length < Channels * place.Height * place.Width))
        {
            throw new ArgumentException("The crop or the patch is smaller than its shape.");
        }

        var (from, to) = (Math.Max(0, left), Math.Min(Width, left + width));
        var (patchFrom, patchTo) = (Math.Max(from, place.X), Math.Min(to, place.X + place.Width));
        ref var crop = ref MemoryMarshal.GetReference(destination);
        ref var map = ref MemoryMarshal.GetArrayDataReference(Values);
        ref var patched = ref MemoryMarshal.GetReference(patch);
        for (var c = 0; c < Channels; c++)
        {
            for (var r = 0; r < height; r++)
            {
                // Rows are short (10–40 floats on ResNet-18) and there are millions per map: copied without span slicing.
                ref var row = ref Unsafe.Add(ref crop, ((c * height) + r) * width);
                var y = top + r;
                if (y < 0 || y >= Height || to <= from)
                {
                    MemoryMarshal.CreateSpan(ref row, width).Fill(pad);
                    continue;
                }

                if (from > left)
                {
                    MemoryMarshal.CreateSpan(ref row, from - left).Fill(pad);
                }

                if (to < left + width)
                {
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref row, to - left), left + width - to).Fill(pad);
                }

                ref var clean = ref Unsafe.Add(ref map, ((c * Height) + y) * Width);
                if (y < place.Y || y >= place.Y + place.Height || patchFrom >= patchTo)
                {
                    CopyShort(ref Unsafe.Add(ref clean, from), ref Unsafe.Add(ref row, from - left), to - from);
                    continue;
                }

                CopyShort(ref Unsafe.Add(ref clean, from), ref Unsafe.Add(ref row, from - left), patchFrom - from);
                CopyShort(ref Unsafe.Add(ref patched, (((c * place.Height) + y - place.Y) * place.Width) + patchFrom - place.X), ref Unsafe.Add(ref row, patchFrom - left), patchTo - patchFrom);
                CopyShort(ref Unsafe.Add(ref clean, patchTo), ref Unsafe.Add(ref row, patchTo - left), to - patchTo);
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="count"/> floats with vector loads and stores, the last one overlapping the one before:
    /// for the short rows of crops this beats a call to memmove per row.
    /// </summary>
    private static void CopyShort(ref float source, ref float destination, int count)
    {
        if (count >= Vector256<float>.Count)
        {
            var last = (nuint)(count - Vector256<float>.Count);
            for (nuint i = 0; i < last; i += (nuint)Vector256<float>.Count)
            {
                Vector256.LoadUnsafe(ref source, i).StoreUnsafe(ref destination, i);
            }

            Vector256.LoadUnsafe(ref source, last).StoreUnsafe(ref destination, last);
        }
        else if (count >= Vector128<float>.Count)
        {
            var last = (nuint)(count - Vector128<float>.Count);
            Vector128.LoadUnsafe(ref source).StoreUnsafe(ref destination);
            Vector128.LoadUnsafe(ref source, last).StoreUnsafe(ref destination, last);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
            }
        }
    }

    /// <summary>Copies the rectangle where a source placed at (sy, sx) and a destination placed at (dy, dx) overlap.</summary>
    public static void Copy(ReadOnlySpan<float> source, int channels, int sh, int sw, int sy, int sx, Span<float> destination, int dh, int dw, int dy, int dx)
    {
        var top = Math.Max(sy, dy);
        var left = Math.Max(sx, dx);
        var bottom = Math.Min(sy + sh, dy + dh);
        var right = Math.Min(sx + sw, dx + dw);
        CopyRectangle(source, channels, sh, sw, sy, sx, destination, dh, dw, dy, dx, (top, left, bottom, right));
    }

    /// <summary>
    /// Copies the box (<paramref name="by"/>, <paramref name="bx"/>, <paramref name="bh"/>×<paramref name="bw"/>) of a
    /// full C×<paramref name="sh"/>×<paramref name="sw"/> map into a crop placed at (<paramref name="dy"/>, <paramref name="dx"/>), where they overlap.
    /// </summary>
    public static void CopyBox(ReadOnlySpan<float> source, int channels, int sh, int sw, int by, int bx, int bh, int bw, Span<float> destination, int dh, int dw, int dy, int dx)
    {
        var top = Math.Max(by, dy);
        var left = Math.Max(bx, dx);
        var bottom = Math.Min(by + bh, dy + dh);
        var right = Math.Min(bx + bw, dx + dw);
        CopyRectangle(source, channels, sh, sw, 0, 0, destination, dh, dw, dy, dx, (top, left, bottom, right));
    }

    /// <summary>
    /// Copies the map positions [top, bottom) × [left, right) from a source placed at (sy, sx) to a destination placed at
    /// (dy, dx); the rectangle lies inside both. Nothing when it is empty.
    /// </summary>
    private static void CopyRectangle(ReadOnlySpan<float> source, int channels, int sh, int sw, int sy, int sx, Span<float> destination, int dh, int dw, int dy, int dx, (int Top, int Left, int Bottom, int Right) rectangle)
    {
        var (top, left, bottom, right) = rectangle;
        if (bottom <= top || right <= left)
        {
            return;
        }

        var width = right - left;
        for (var c = 0; c < channels; c++)
        {
            for (var y = top; y < bottom; y++)
            {
                source.Slice((((c * sh) + y - sy) * sw) + left - sx, width)
                    .CopyTo(destination.Slice((((c * dh) + y - dy) * dw) + left - dx, width));
            }
        }
    }
}
