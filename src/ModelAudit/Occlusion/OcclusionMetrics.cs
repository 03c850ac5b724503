using ModelAudit.Imaging;

namespace ModelAudit.Occlusion;

/// <summary>
/// Localisation metrics over an <see cref="OcclusionMap"/>, as pure functions. "Mass" is the sum of the positive
/// attribution: pixels where occlusion raised the target's probability count as zero, not as negative evidence.
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

    /// <summary>The sum of positive attribution over the whole map.</summary>
    public static double PositiveMass(OcclusionMap map) => PixelMapMetrics.PositiveMass(map);

    /// <summary>
    /// Relevance mass (Arras et al. 2022): the share of positive attribution inside <paramref name="box"/>, in [0, 1].
    /// 0 when the map has no positive attribution at all.
    /// </summary>
    public static double RelevanceMass(OcclusionMap map, PixelBox box) => Share(map, box.Contains);

    /// <summary>The share of positive attribution on the pixels of <paramref name="mask"/>, in [0, 1].</summary>
    public static double RelevanceMass(OcclusionMap map, PixelMask mask)
    {
        CheckSize(map, mask);
        return Share(map, mask.Contains);
    }

    /// <summary>The share of positive attribution outside <paramref name="box"/>: reliance on everything but the object.</summary>
    public static double MassOutside(OcclusionMap map, PixelBox box) => Share(map, (x, y) => !box.Contains(x, y));

    /// <summary>The share of positive attribution off the pixels of <paramref name="mask"/>.</summary>
    public static double MassOutside(OcclusionMap map, PixelMask mask)
    {
        CheckSize(map, mask);
        return Share(map, (x, y) => !mask.Contains(x, y));
    }

    /// <summary>
    /// The pointing game (Zhang et al. 2016): true when the map's <see cref="OcclusionMap.Peak"/> lies inside
    /// <paramref name="box"/> grown by <paramref name="tolerance"/> pixels on every side.
    /// </summary>
    public static bool PointingGame(OcclusionMap map, PixelBox box, int tolerance = 0) => PixelMapMetrics.PointingGame(map, box, tolerance);

    /// <summary>
    /// The intersection over union of <paramref name="mask"/> with the map's top <paramref name="topFraction"/>
    /// of pixels by attribution (ties broken by row-major order, only positive pixels counted).
    /// </summary>
    public static double TopRegionIoU(OcclusionMap map, PixelMask mask, double topFraction)
    {
        CheckSize(map, mask);
        if (!(topFraction > 0 && topFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(topFraction), topFraction, "The top fraction must lie in (0, 1].");
        }

        var top = TopRegion(map, topFraction);
        int intersection = 0, union = 0;
        for (var i = 0; i < top.Length; i++)
        {
            var inMask = mask.Contains(i % map.Width, i / map.Width);
            intersection += top[i] && inMask ? 1 : 0;
            union += top[i] || inMask ? 1 : 0;
        }

        return union == 0 ? 0 : (double)intersection / union;
    }

    /// <summary>The top <paramref name="topFraction"/> of pixels by attribution, as a mask (only positive pixels).</summary>
    public static PixelMask TopRegionMask(OcclusionMap map, double topFraction)
    {
        var top = TopRegion(map, topFraction);
        return PixelMask.FromPredicate(map.Width, map.Height, (x, y) => top[(y * map.Width) + x]);
    }

    private static bool[] TopRegion(OcclusionMap map, double topFraction)
    {
        var values = map.Attribution.ToArray();
        var n = (int)Math.Ceiling(topFraction * values.Length);
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i).Take(n);
        var top = new bool[values.Length];
        foreach (var i in order)
        {
            top[i] = values[i] > 0;
        }

        return top;
    }

    private static double Share(OcclusionMap map, Func<int, int, bool> inside) => PixelMapMetrics.Share(map, inside);

    private static void CheckSize(OcclusionMap map, PixelMask mask)
    {
        if (mask.Width != map.Width || mask.Height != map.Height)
        {
            throw new ArgumentException($"The {mask.Width}x{mask.Height} mask does not match the {map.Width}x{map.Height} occlusion map.", nameof(mask));
        }
    }
}
