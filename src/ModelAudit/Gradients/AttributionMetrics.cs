using ModelAudit.Imaging;

namespace ModelAudit.Gradients;

/// <summary>Localisation metrics over attribution maps: pure functions of the map and a box.</summary>
public static class AttributionMetrics
{
    /// <summary>Share of the map's positive mass that lies inside <paramref name="box"/> (0 when the map has none).</summary>
    public static double MassInside(AttributionMap map, PixelBox box) => PixelMapMetrics.Share(map, box.Contains);

    /// <summary>The pointing game (Zhang et al.): a hit when the map's peak lies in <paramref name="box"/>.</summary>
    public static bool PointingGameHit(AttributionMap map, PixelBox box) => PixelMapMetrics.PointingGame(map, box);

    public static double PositiveMass(AttributionMap map) => PixelMapMetrics.PositiveMass(map);

    /// <summary>Spearman rank correlation between two maps of one size (average ranks for ties).</summary>
    public static double RankCorrelation(AttributionMap a, AttributionMap b)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"Maps differ in size: {a.Width}x{a.Height} and {b.Width}x{b.Height}.");
        }

        var ra = Ranks(a.Span);
        var rb = Ranks(b.Span);
        double ma = ra.Average(), mb = rb.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : saa == sbb ? 1 : 0;
    }

    internal static (int X, int Y) Peak(AttributionMap map) => PixelMapMetrics.ArgMax(map.Span, map.Width);

    private static double[] Ranks(ReadOnlySpan<float> values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        var copy = values.ToArray();
        Array.Sort(copy, order);
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && copy[j + 1] == copy[i])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0;
            }

            i = j + 1;
        }

        return ranks;
    }
}
