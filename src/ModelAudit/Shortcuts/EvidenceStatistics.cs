using ModelAudit.Imaging;

namespace ModelAudit.Shortcuts;

/// <summary>
/// Where a set of maps puts its evidence, as pure functions over evidence distributions: a map's positive part
/// scaled to sum to 1, so every image weighs the same in a class's mean however strong its raw values are.
/// </summary>
public static class EvidenceStatistics
{
    /// <summary>
    /// The map's positive part divided by its sum (evidence for the target as a distribution over pixels); null when
    /// the map has no positive value, i.e. nothing to locate.
    /// </summary>
    public static float[]? Distribution(IPixelMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var values = map.Values;
        double total = 0;
        foreach (var v in values)
        {
            total += Math.Max(v, 0);
        }

        if (!(total > 0) || double.IsInfinity(total))
        {
            return null;
        }

        var distribution = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            distribution[i] = (float)(Math.Max(values[i], 0) / total);
        }

        return distribution;
    }

    /// <summary>The pixel-wise mean of equally sized distributions.</summary>
    public static float[] Mean(IReadOnlyList<float[]> distributions)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        if (distributions.Count == 0)
        {
            throw new ArgumentException("The mean of no maps is undefined.", nameof(distributions));
        }

        var sum = new double[distributions[0].Length];
        foreach (var d in distributions)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += d[i];
            }
        }

        return sum.Select(s => (float)(s / distributions.Count)).ToArray();
    }

    /// <summary>
    /// The share of a distribution's mass in its <paramref name="topFraction"/> largest pixels: the fraction itself
    /// for evidence spread evenly, near 1 when a small fixed region holds it all.
    /// </summary>
    public static double Concentration(ReadOnlySpan<float> distribution, double topFraction)
    {
        var count = TopCount(distribution.Length, topFraction);
        var sorted = distribution.ToArray();
        Array.Sort(sorted);
        double top = 0, total = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            total += sorted[i];
            if (i >= sorted.Length - count)
            {
                top += sorted[i];
            }
        }

        return total > 0 ? top / total : 0;
    }

    /// <summary>
    /// The <paramref name="topFraction"/> largest pixels of a map as a mask (ties broken by the first pixel in row-major
    /// order), leaving out pixels below a tenth of the maximum: a faint tail is not where the evidence is.
    /// </summary>
    public static PixelMask TopRegion(ReadOnlySpan<float> values, int width, int height, double topFraction)
    {
        var count = TopCount(values.Length, topFraction);
        var copy = values.ToArray();
        var inside = new bool[copy.Length];
        var floor = copy.Max() / 10;
        foreach (var i in Enumerable.Range(0, copy.Length).OrderByDescending(i => copy[i]).Take(count).Where(i => copy[i] > floor))
        {
            inside[i] = true;
        }

        return PixelMask.FromPredicate(width, height, (x, y) => inside[(y * width) + x]);
    }

    /// <summary>The share of a distribution's mass within <paramref name="band"/> pixels of the image's edge.</summary>
    public static double BorderMass(ReadOnlySpan<float> distribution, int width, int height, int band)
    {
        double inside = 0, total = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = distribution[(y * width) + x];
                total += v;
                if (x < band || y < band || x >= width - band || y >= height - band)
                {
                    inside += v;
                }
            }
        }

        return total > 0 ? inside / total : 0;
    }

    /// <summary>Pearson correlation of two equally long vectors; 0 when either is constant.</summary>
    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Maps differ in length: {a.Length} and {b.Length}.");
        }

        double ma = 0, mb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ma += a[i];
            mb += b[i];
        }

        ma /= a.Length;
        mb /= b.Length;
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }

        return aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 0;
    }

    /// <summary>
    /// How image-independent a class's evidence is: the mean correlation of each map with the mean of the others
    /// (leaving the map out, so a small class does not correlate with itself). Needs two maps.
    /// </summary>
    public static double Consistency(IReadOnlyList<float[]> distributions)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        if (distributions.Count < 2)
        {
            return double.NaN;
        }

        var n = distributions.Count;
        var sum = new double[distributions[0].Length];
        foreach (var d in distributions)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += d[i];
            }
        }

        var others = new float[sum.Length];
        double total = 0;
        foreach (var d in distributions)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                others[i] = (float)((sum[i] - d[i]) / (n - 1));
            }

            total += Correlation(d, others);
        }

        return total / n;
    }

    /// <summary>A distribution summed over a <paramref name="columns"/>×<paramref name="rows"/> grid of cells (for clustering).</summary>
    public static float[] Downsample(ReadOnlySpan<float> values, int width, int height, int columns, int rows)
    {
        var cells = new float[columns * rows];
        for (var y = 0; y < height; y++)
        {
            var row = Math.Min(rows - 1, y * rows / height);
            for (var x = 0; x < width; x++)
            {
                cells[(row * columns) + Math.Min(columns - 1, x * columns / width)] += values[(y * width) + x];
            }
        }

        return cells;
    }

    private static int TopCount(int length, double topFraction)
    {
        if (!(topFraction > 0 && topFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(topFraction), topFraction, "The top fraction must lie in (0, 1].");
        }

        return Math.Clamp((int)Math.Ceiling(topFraction * length), 1, length);
    }
}
