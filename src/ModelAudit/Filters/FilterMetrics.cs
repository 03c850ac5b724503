namespace ModelAudit.Filters;

/// <summary>
/// Per-filter weight metrics, as pure functions over one filter laid out <c>[channels, kH, kW]</c>.
/// Every metric is scale-invariant: multiplying a filter by a non-zero constant leaves it unchanged.
/// </summary>
public static class FilterMetrics
{
    /// <summary>
    /// The radial frequency, in cycles per pixel, above which spectral energy counts as high-frequency.
    /// For a 3×3 kernel the DFT bins sit at 0 and ±1/3 cycles per pixel on each axis, so the band above 0.4
    /// is exactly the four diagonal bins (±1/3, ±1/3) at radius 0.471; axis-aligned edges stay below it.
    /// </summary>
    public const double HighFrequencyCutoff = 0.4;

    /// <summary>The Euclidean norm of the filter.</summary>
    public static double L2Norm(ReadOnlySpan<float> filter)
    {
        double sum = 0;
        foreach (var w in filter)
        {
            sum += (double)w * w;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Normalised total variation: <c>Σ |a − b| / Σ (|a| + |b|)</c> over every pair of horizontally or vertically
    /// adjacent weights (a, b) within one input-channel plane, summed over all planes. It lies in [0, 1]:
    /// 0 for a constant plane, 1 when every neighbour pair has opposite signs (a ±1 checkerboard).
    /// A zero filter and a 1×1 kernel (no neighbours) score 0.
    /// </summary>
    public static double TotalVariation(ReadOnlySpan<float> filter, int kernelHeight, int kernelWidth)
    {
        var planes = Planes(filter, kernelHeight, kernelWidth);
        double differences = 0;
        double magnitudes = 0;
        for (var c = 0; c < planes; c++)
        {
            var plane = filter.Slice(c * kernelHeight * kernelWidth, kernelHeight * kernelWidth);
            for (var y = 0; y < kernelHeight; y++)
            {
                for (var x = 0; x < kernelWidth; x++)
                {
                    double a = plane[(y * kernelWidth) + x];
                    if (x + 1 < kernelWidth)
                    {
                        double b = plane[(y * kernelWidth) + x + 1];
                        differences += Math.Abs(a - b);
                        magnitudes += Math.Abs(a) + Math.Abs(b);
                    }

                    if (y + 1 < kernelHeight)
                    {
                        double b = plane[((y + 1) * kernelWidth) + x];
                        differences += Math.Abs(a - b);
                        magnitudes += Math.Abs(a) + Math.Abs(b);
                    }
                }
            }
        }

        return magnitudes > 0 ? differences / magnitudes : 0;
    }

    /// <summary>
    /// High-frequency spectral energy ratio: the energy of each plane's 2-D DFT at radial frequency
    /// <c>√((u/kH)² + (v/kW)²) &gt; </c><see cref="HighFrequencyCutoff"/> cycles per pixel (u, v the signed bin indices),
    /// summed over planes, divided by the total energy. In [0, 1]; 0 for a constant filter or a zero filter.
    /// </summary>
    public static double HighFrequencyRatio(ReadOnlySpan<float> filter, int kernelHeight, int kernelWidth)
    {
        var planes = Planes(filter, kernelHeight, kernelWidth);
        double high = 0;
        double total = 0;
        for (var c = 0; c < planes; c++)
        {
            var plane = filter.Slice(c * kernelHeight * kernelWidth, kernelHeight * kernelWidth);
            for (var u = 0; u < kernelHeight; u++)
            {
                for (var v = 0; v < kernelWidth; v++)
                {
                    var energy = DftEnergy(plane, kernelHeight, kernelWidth, u, v);
                    total += energy;
                    var fu = (double)Signed(u, kernelHeight) / kernelHeight;
                    var fv = (double)Signed(v, kernelWidth) / kernelWidth;
                    if (Math.Sqrt((fu * fu) + (fv * fv)) > HighFrequencyCutoff)
                    {
                        high += energy;
                    }
                }
            }
        }

        // Rounding leaves ~1e-30 of energy in a constant plane's non-DC bins; anything that small is zero.
        return total > 0 && high > total * 1e-12 ? high / total : 0;
    }

    /// <summary>
    /// Spatial roughness as a Dirichlet energy ratio: <c>Σ (a − b)² / Σ w²</c> over every pair of horizontally or vertically
    /// adjacent weights (a, b) within one input-channel plane. 0 for constant planes; about 8 for a large ±1 checkerboard;
    /// for i.i.d. Gaussian weights its mean and variance are known exactly (<see cref="NoiseNull"/>), which is why the
    /// noise score uses it rather than <see cref="TotalVariation"/>. A zero filter and a 1×1 kernel score 0.
    /// </summary>
    public static double DirichletRatio(ReadOnlySpan<float> filter, int kernelHeight, int kernelWidth)
    {
        var planes = Planes(filter, kernelHeight, kernelWidth);
        double differences = 0;
        double energy = 0;
        for (var i = 0; i < filter.Length; i++)
        {
            double a = filter[i];
            energy += a * a;
            var x = i % kernelWidth;
            var y = (i / kernelWidth) % kernelHeight;
            if (x + 1 < kernelWidth)
            {
                differences += (a - filter[i + 1]) * (a - filter[i + 1]);
            }

            if (y + 1 < kernelHeight)
            {
                differences += (a - filter[i + kernelWidth]) * (a - filter[i + kernelWidth]);
            }
        }

        return planes > 0 && energy > 0 ? differences / energy : 0;
    }

    /// <summary>
    /// Cross-channel coherence: the share of the filter's energy in its best rank-1 approximation across input channels,
    /// i.e. how nearly every plane is a scaled copy of one spatial pattern (a luminance edge, or a colour-opponent blob,
    /// whose planes have opposite signs). In [1/channels, 1]; 1 for a single plane; 0 for a zero filter.
    /// </summary>
    public static double ChannelRank1Share(ReadOnlySpan<float> filter, int kernelHeight, int kernelWidth)
    {
        var planes = Planes(filter, kernelHeight, kernelWidth);
        var size = kernelHeight * kernelWidth;
        var gram = new double[planes, planes];
        double trace = 0;
        for (var c = 0; c < planes; c++)
        {
            for (var d = c; d < planes; d++)
            {
                double dot = 0;
                for (var k = 0; k < size; k++)
                {
                    dot += (double)filter[(c * size) + k] * filter[(d * size) + k];
                }

                gram[c, d] = dot;
            }

            trace += gram[c, c];
        }

        return trace > 0 ? Math.Min(1, SymmetricEigen.Largest(gram) / trace) : 0;
    }

    /// <summary>Cosine similarity of two filters of the same size; 0 when either is all zeros.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Filters of {a.Length} and {b.Length} weights cannot be compared.", nameof(b));
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }

    private static int Planes(ReadOnlySpan<float> filter, int kernelHeight, int kernelWidth)
    {
        if (kernelHeight < 1 || kernelWidth < 1 || filter.Length % (kernelHeight * kernelWidth) != 0)
        {
            throw new ArgumentException($"{filter.Length} weights do not form whole {kernelHeight}x{kernelWidth} planes.", nameof(filter));
        }

        return filter.Length / (kernelHeight * kernelWidth);
    }

    private static int Signed(int index, int size) => index <= size / 2 ? index : index - size;

    private static double DftEnergy(ReadOnlySpan<float> plane, int h, int w, int u, int v)
    {
        // Kernels are tiny (3×3 to 11×11), so the direct sum is cheaper than planning an FFT.
        double re = 0, im = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var angle = -2 * Math.PI * ((((double)u * y) / h) + (((double)v * x) / w));
                re += plane[(y * w) + x] * Math.Cos(angle);
                im += plane[(y * w) + x] * Math.Sin(angle);
            }
        }

        return (re * re) + (im * im);
    }
}
