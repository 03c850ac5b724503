namespace ModelAudit.Imaging;

/// <summary>
/// Structural similarity of two per-pixel maps of one size (attribution, occlusion): each becomes a grey picture and
/// the pictures are compared with <see cref="Ssim"/>, the one baselines use. In [-1, 1], 1 for identical maps.
/// </summary>
internal static class MapSsim
{
    public static double Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, int height, GreyRange range)
    {
        if (a.Length != width * height || b.Length != width * height)
        {
            throw new ArgumentException($"Two {width}x{height} maps need {width * height} values each, but got {a.Length} and {b.Length}.");
        }

        return range switch
        {
            GreyRange.Common => CommonRange(a.ToArray(), b.ToArray(), width, height),
            GreyRange.PerMap => Ssim.Compute(Colormap.Gray.Render(a, width, height), Colormap.Gray.Render(b, width, height)),
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, "Unknown grey range."),
        };
    }

    // Quantised in float with round-half-to-even, unlike Colormap's double arithmetic: kept so that occlusion's
    // approximation SSIM stays bit-identical to the figures earlier releases reported.
    private static double CommonRange(float[] a, float[] b, int width, int height)
    {
        var min = Math.Min(a.Min(), b.Min());
        var max = Math.Max(a.Max(), b.Max());
        if (!(max > min))
        {
            return 1;
        }

        RgbImage Grey(float[] values) => RgbImage.Create(width, height, (x, y) => Rgb.Gray((byte)Math.Round(255 * (values[(y * width) + x] - min) / (max - min))));
        return Ssim.Compute(Grey(a), Grey(b));
    }
}
