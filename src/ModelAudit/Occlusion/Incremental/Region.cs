namespace ModelAudit.Occlusion.Incremental;

/// <summary>A C×H×W activation (one sample), or a patch of one placed at (<see cref="Y"/>, <see cref="X"/>) of a larger map.</summary>
internal sealed record Region(float[] Values, int Channels, int Height, int Width, int Y = 0, int X = 0)
{
    /// <summary>
    /// Copies the part of this region that falls inside the <paramref name="height"/>×<paramref name="width"/> window
    /// at (<paramref name="top"/>, <paramref name="left"/>) of the full map into <paramref name="destination"/>, which
    /// holds exactly that window (C×height×width). Both are in full-map coordinates; parts outside either are skipped.
    /// </summary>
    public void CopyInto(Span<float> destination, int top, int left, int height, int width) =>
        Copy(Values, Channels, Height, Width, Y, X, destination, height, width, top, left);

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
}
