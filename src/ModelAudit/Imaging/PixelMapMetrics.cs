namespace ModelAudit.Imaging;

/// <summary>
/// Localisation metrics shared by every <see cref="IPixelMap"/>. "Mass" is the sum of positive values: negative
/// evidence counts as zero. The public entry points (occlusion and attribution metrics) forward here.
/// </summary>
internal static class PixelMapMetrics
{
    public static double PositiveMass(IPixelMap map) => MassWhere(map, static (_, _) => true);

    /// <summary>The share of positive mass on pixels where <paramref name="inside"/> holds, in [0, 1]; 0 for a map without any.</summary>
    public static double Share(IPixelMap map, Func<int, int, bool> inside)
    {
        var total = PositiveMass(map);
        return total > 0 ? MassWhere(map, inside) / total : 0;
    }

    /// <summary>The pointing game (Zhang et al. 2016): the peak lies in <paramref name="box"/> grown by <paramref name="tolerance"/> pixels.</summary>
    public static bool PointingGame(IPixelMap map, PixelBox box, int tolerance = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        var grown = new PixelBox(box.X - tolerance, box.Y - tolerance, box.Width + (2 * tolerance), box.Height + (2 * tolerance));
        return grown.Contains(map.Peak.X, map.Peak.Y);
    }

    /// <summary>The first largest value in row-major order.</summary>
    public static (int X, int Y) ArgMax(ReadOnlySpan<float> values, int width)
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
}
