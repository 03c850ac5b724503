using ModelAudit.Imaging;

namespace ModelAudit.Baselines;

/// <summary>Absolute differences of two same-size images, channel by channel (0–255).</summary>
internal static class PixelDifference
{
    /// <summary>The largest channel difference, the mean over all channels of all pixels, and the number of pixels that differ at all.</summary>
    public static (int Max, double Mean, int Pixels) Measure(RgbImage a, RgbImage b)
    {
        var pa = a.Pixels;
        var pb = b.Pixels;
        int max = 0, pixels = 0;
        long total = 0;
        for (var i = 0; i < pa.Length; i += 3)
        {
            var d = PixelMax(pa, pb, i);
            pixels += d > 0 ? 1 : 0;
            max = Math.Max(max, d);
            total += Math.Abs(pa[i] - pb[i]) + Math.Abs(pa[i + 1] - pb[i + 1]) + Math.Abs(pa[i + 2] - pb[i + 2]);
        }

        return (max, (double)total / pa.Length, pixels);
    }

    /// <summary>The largest channel difference at one pixel, given the index of its red byte.</summary>
    internal static int PixelMax(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int i) =>
        Math.Max(Math.Abs(a[i] - b[i]), Math.Max(Math.Abs(a[i + 1] - b[i + 1]), Math.Abs(a[i + 2] - b[i + 2])));
}
