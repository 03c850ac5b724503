namespace ModelAudit.Imaging;

/// <summary>
/// Localisation metrics over any <see cref="IPixelMap"/>, as pure functions. "Mass" is the sum of positive values:
/// negative evidence (occlusion that raised the target's probability, a negative integrated gradient) counts as zero,
/// and a share is 0 for a map without any positive mass. Masks must have the map's size; boxes may reach outside it.
/// </summary>
public static class PixelMapMetrics
{
    /// <summary>The sum of the map's positive values.</summary>
    public static double PositiveMass(IPixelMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return MassWhere(map, static (_, _) => true);
    }

    /// <summary>
    /// Relevance mass (Arras et al. 2022): the share of the map's positive mass inside <paramref name="box"/>, in [0, 1].
    /// </summary>
    public static double MassInside(IPixelMap map, PixelBox box)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Share(map, box.Contains);
    }

    /// <summary>The share of the map's positive mass on the pixels of <paramref name="mask"/>, in [0, 1].</summary>
    public static double MassInside(IPixelMap map, PixelMask mask)
    {
        CheckSize(map, mask);
        return Share(map, mask.Contains);
    }

    /// <summary>The share of the map's positive mass outside <paramref name="box"/>: reliance on everything but the object.</summary>
    public static double MassOutside(IPixelMap map, PixelBox box)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Share(map, (x, y) => !box.Contains(x, y));
    }

    /// <summary>The share of the map's positive mass off the pixels of <paramref name="mask"/>.</summary>
    public static double MassOutside(IPixelMap map, PixelMask mask)
    {
        CheckSize(map, mask);
        return Share(map, (x, y) => !mask.Contains(x, y));
    }

    /// <summary>
    /// The pointing game (Zhang et al. 2016): the map's <see cref="IPixelMap.Peak"/> lies inside <paramref name="box"/>
    /// grown by <paramref name="tolerance"/> pixels on every side.
    /// </summary>
    public static bool PeakInside(IPixelMap map, PixelBox box, int tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        var grown = new PixelBox(box.X - tolerance, box.Y - tolerance, box.Width + (2 * tolerance), box.Height + (2 * tolerance));
        return grown.Contains(map.Peak.X, map.Peak.Y);
    }

    /// <summary>The pointing game against a mask: the map's <see cref="IPixelMap.Peak"/> is one of its pixels.</summary>
    public static bool PeakInside(IPixelMap map, PixelMask mask)
    {
        CheckSize(map, mask);
        return mask.Contains(map.Peak.X, map.Peak.Y);
    }

    /// <summary>
    /// The intersection over union of <paramref name="box"/> (clipped to the map) with the map's top
    /// <paramref name="topFraction"/> of pixels; see <see cref="TopRegionMask"/>.
    /// </summary>
    public static double TopRegionIoU(IPixelMap map, PixelBox box, double topFraction)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IoU(map, box.Contains, topFraction);
    }

    /// <summary>The intersection over union of <paramref name="mask"/> with the map's top <paramref name="topFraction"/> of pixels.</summary>
    public static double TopRegionIoU(IPixelMap map, PixelMask mask, double topFraction)
    {
        CheckSize(map, mask);
        return IoU(map, mask.Contains, topFraction);
    }

    /// <summary>
    /// The map's top <paramref name="topFraction"/> (in (0, 1]) of pixels by value, as a mask: ceil(fraction × pixels)
    /// of them, ties broken by row-major order, and only positive pixels join.
    /// </summary>
    public static PixelMask TopRegionMask(IPixelMap map, double topFraction)
    {
        ArgumentNullException.ThrowIfNull(map);
        var top = TopRegion(map, topFraction);
        return PixelMask.FromPredicate(map.Width, map.Height, (x, y) => top[(y * map.Width) + x]);
    }

    /// <summary>The share of positive mass on pixels where <paramref name="inside"/> holds, for regions that are neither box nor mask.</summary>
    internal static double Share(IPixelMap map, Func<int, int, bool> inside)
    {
        var total = PositiveMass(map);
        return total > 0 ? MassWhere(map, inside) / total : 0;
    }

    /// <summary>The first largest value in row-major order.</summary>
    internal static (int X, int Y) ArgMax(ReadOnlySpan<float> values, int width)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return (best % width, best / width);
    }

    private static double MassWhere(IPixelMap map, Func<int, int, bool> inside)
    {
        var values = map.Values;
        double mass = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > 0 && inside(i % map.Width, i / map.Width))
            {
                mass += values[i];
            }
        }

        return mass;
    }

    private static double IoU(IPixelMap map, Func<int, int, bool> inside, double topFraction)
    {
        var top = TopRegion(map, topFraction);
        int intersection = 0, union = 0;
        for (var i = 0; i < top.Length; i++)
        {
            var inRegion = inside(i % map.Width, i / map.Width);
            intersection += top[i] && inRegion ? 1 : 0;
            union += top[i] || inRegion ? 1 : 0;
        }

        return union == 0 ? 0 : (double)intersection / union;
    }

    private static bool[] TopRegion(IPixelMap map, double topFraction)
    {
        if (!(topFraction > 0 && topFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(topFraction), topFraction, "The top fraction must lie in (0, 1].");
        }

        var values = map.Values.ToArray();
        var n = (int)Math.Ceiling(topFraction * values.Length);
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i).Take(n);
        var top = new bool[values.Length];
        foreach (var i in order)
        {
            top[i] = values[i] > 0;
        }

        return top;
    }

    private static void CheckSize(IPixelMap map, PixelMask mask)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Width != map.Width || mask.Height != map.Height)
        {
            throw new ArgumentException($"The {mask.Width}x{mask.Height} mask does not match the {map.Width}x{map.Height} map.", nameof(mask));
        }
    }
}
