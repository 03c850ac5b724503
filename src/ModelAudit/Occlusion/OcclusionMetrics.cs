using ModelAudit.Imaging;

namespace ModelAudit.Occlusion;

/// <summary>
/// Comparisons of two occlusion maps, as pure functions: how far an approximate map is from the exact one.
/// Localisation metrics (mass inside a box, the pointing game) are shared with every pixel map in
/// <see cref="PixelMapMetrics"/>.
/// </summary>
public static class OcclusionMetrics
{
    /// <summary>
    /// Structural similarity of two attribution maps of one size, in [-1, 1] (1: identical): both are mapped to grey
    /// levels over their common value range and compared with the SSIM the baselines use (11×11 Gaussian window).
    /// </summary>
    public static double Ssim(OcclusionMap a, OcclusionMap b)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"SSIM needs maps of one size, but got {a.Width}x{a.Height} and {b.Width}x{b.Height}.");
        }

        return MapSsim.Compute(a.Attribution, b.Attribution, a.Width, a.Height, GreyRange.Common);
    }

    /// <summary>The largest per-pixel difference between two attribution maps of one size.</summary>
    public static double MaxAbsDifference(OcclusionMap a, OcclusionMap b)
    {
        var va = a.Attribution;
        var vb = b.Attribution;
        var max = 0.0;
        for (var i = 0; i < Math.Min(va.Length, vb.Length); i++)
        {
            max = Math.Max(max, Math.Abs(va[i] - vb[i]));
        }

        return max;
    }
}
