using ModelAudit.Imaging;

namespace ModelAudit.Faithfulness;

/// <summary>
/// How concentrated a pixel map is, as pure functions over |value| (a signed map's negative evidence counts as much as
/// its positive evidence). A map that puts its weight on a few pixels is easier to read; one spread evenly says little.
/// </summary>
public static class ComplexityMetrics
{
    /// <summary>
    /// Sparseness (Chalasani et al. 2020): the Gini index of |a|, with |a| sorted ascending,
    /// G = Σₖ (2k − n − 1)·|a|₍ₖ₎ / (n·Σ|a|), k = 1..n. 0 when every pixel has the same weight, 1 − 1/n when one pixel
    /// holds it all; 0 for a map without any weight. Higher is sparser.
    /// </summary>
    public static double Gini(IPixelMap map)
    {
        var a = Magnitudes(map);
        Array.Sort(a);
        double weighted = 0, total = 0;
        for (var k = 0; k < a.Length; k++)
        {
            weighted += ((2.0 * (k + 1)) - a.Length - 1) * a[k];
            total += a[k];
        }

        return total > 0 ? weighted / (a.Length * total) : 0;
    }

    /// <summary>
    /// Complexity (Bhatt et al. 2020): the Shannon entropy, in nats, of the map's weights as a distribution,
    /// pᵢ = |aᵢ| / Σ|a|: −Σ pᵢ ln pᵢ. 0 when one pixel holds all the weight, ln n (n pixels) when all hold the same;
    /// NaN for a map without any weight. Lower is simpler.
    /// </summary>
    public static double Entropy(IPixelMap map)
    {
        var a = Magnitudes(map);
        var total = a.Sum();
        if (!(total > 0))
        {
            return double.NaN;
        }

        double entropy = 0;
        foreach (var v in a)
        {
            if (v > 0)
            {
                var p = v / total;
                entropy -= p * Math.Log(p);
            }
        }

        return entropy;
    }

    /// <summary><see cref="Entropy"/> divided by ln n, its largest value: in [0, 1] for maps of any size; NaN for a one-pixel map or a map without weight.</summary>
    public static double NormalisedEntropy(IPixelMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var n = map.Width * map.Height;
        return n > 1 ? Entropy(map) / Math.Log(n) : double.NaN;
    }

    private static double[] Magnitudes(IPixelMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var values = map.Values;
        var a = new double[values.Length];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = Math.Abs((double)values[i]);
        }

        return a;
    }
}
