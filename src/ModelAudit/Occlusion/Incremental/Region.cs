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
        var (from, to) = (Math.Max(0, left), Math.Min(Width, left + width));
        var (patchFrom, patchTo) = (Math.Max(from, place.X), Math.Min(to, place.X + place.Width));
        for (var c = 0; c < Channels; c++)
        {
            for (var r = 0; r < height; r++)
            {
                var row = destination.Slice(((c * height) + r) * width, width);
                var y = top + r;
                if (y < 0 || y >= Height || to <= from)
                {
                    row.Fill(pad);
                    continue;
                }

                row[..(from - left)].Fill(pad);
                row[(to - left)..].Fill(pad);
                var clean = Values.AsSpan(((c * Height) + y) * Width, Width);
                if (y < place.Y || y >= place.Y + place.Height || patchFrom >= patchTo)
                {
                    clean[from..to].CopyTo(row[(from - left)..]);
                    continue;
                }

                clean[from..patchFrom].CopyTo(row[(from - left)..]);
                patch.Slice((((c * place.Height) + y - place.Y) * place.Width) + patchFrom - place.X, patchTo - patchFrom).CopyTo(row[(patchFrom - left)..]);
                clean[patchTo..to].CopyTo(row[(patchTo - left)..]);
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
        for (var c = 0; c < channels && bottom > top && right > left; c++)
        {
            for (var y = top; y < bottom; y++)
            {
                source.Slice((((c * sh) + y) * sw) + left, right - left)
                    .CopyTo(destination.Slice((((c * dh) + y - dy) * dw) + left - dx, right - left));
            }
        }
    }
}
