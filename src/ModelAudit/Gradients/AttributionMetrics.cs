using ModelAudit.Imaging;

namespace ModelAudit.Gradients;

/// <summary>
/// Comparisons of attribution maps, as pure functions. Localisation metrics (mass inside a box, the pointing game)
/// are shared with every pixel map in <see cref="Imaging.PixelMapMetrics"/>.
/// </summary>
public static class AttributionMetrics
{
    /// <summary>Spearman rank correlation between two pixel maps of one size (average ranks for ties), e.g. a map and the same method's map on a randomised model.</summary>
    public static double RankCorrelation(IPixelMap a, IPixelMap b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"Maps differ in size: {a.Width}x{a.Height} and {b.Width}x{b.Height}.");
        }

        var ra = Ranks(a.Values);
        var rb = Ranks(b.Values);
        double ma = ra.Average(), mb = rb.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : saa == sbb ? 1 : 0;
    }

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
