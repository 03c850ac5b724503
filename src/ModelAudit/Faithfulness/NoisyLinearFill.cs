namespace ModelAudit.Faithfulness;

/// <summary>
/// ROAD's noisy linear imputation (Rong et al. 2022) without its noise: every removed pixel becomes the weighted mean
/// of its 8 neighbours (1/6 for the 4 direct ones, 1/12 for the diagonals; neighbours outside the image are left out
/// and the weights renormalised), all removed pixels solved jointly with the known ones fixed, each channel on its own.
/// On a plane of values that is the plane itself, away from the border; in a hole it is a smooth membrane spanned by
/// the hole's rim.
/// </summary>
/// <remarks>
/// The system (<see cref="ImputationSystem"/>) is solved by conjugate gradients started from the same problem solved
/// at half resolution (recursively) and interpolated bilinearly. The start is already close, so a 224×224 plane with a
/// hole 170 pixels wide converges in about 30 iterations, not thousands. With no pixel known the system has no unique
/// solution; every pixel of a channel then takes that channel's fallback.
/// </remarks>
internal static class NoisyLinearFill
{
    /// <summary>Below twice this side the coarse start costs more than it saves.</summary>
    private const int CoarsestSide = 8;

    /// <summary>
    /// Replaces the pixels where <paramref name="removed"/> holds, in every channel of the C·H·W
    /// <paramref name="tensor"/>, by the imputed values.
    /// </summary>
    public static void Impute(Span<float> tensor, int channels, ReadOnlySpan<bool> removed, int width, int height, IReadOnlyList<double> fallback)
    {
        var plane = width * height;
        var known = new bool[plane];
        for (var p = 0; p < plane; p++)
        {
            known[p] = !removed[p];
        }

        var planes = new double[channels][];
        for (var c = 0; c < channels; c++)
        {
            planes[c] = new double[plane];
            for (var p = 0; p < plane; p++)
            {
                planes[c][p] = tensor[(c * plane) + p];
            }
        }

        Solve(planes, known, width, height, fallback);
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < plane; p++)
            {
                tensor[(c * plane) + p] = (float)planes[c][p];
            }
        }
    }

    /// <summary>Fills the unknown pixels of every plane; the planes share one mask and so one system.</summary>
    private static void Solve(double[][] planes, bool[] known, int width, int height, IReadOnlyList<double> fallback)
    {
        var count = 0;
        foreach (var k in known)
        {
            count += k ? 1 : 0;
        }

        if (count == known.Length)
        {
            return;
        }

        if (count == 0)
        {
            for (var c = 0; c < planes.Length; c++)
            {
                Array.Fill(planes[c], fallback[c]);
            }

            return;
        }

        Start(planes, known, width, height, fallback);
        var system = new ImputationSystem(known, width, height);
        foreach (var plane in planes)
        {
            system.Solve(plane);
        }
    }

    /// <summary>Writes a first guess into the unknown pixels: the half-resolution solution, or the mean of the known pixels.</summary>
    private static void Start(double[][] planes, bool[] known, int width, int height, IReadOnlyList<double> fallback)
    {
        if (Math.Min(width, height) < 2 * CoarsestSide)
        {
            foreach (var plane in planes)
            {
                var (sum, count) = (0.0, 0);
                for (var p = 0; p < plane.Length; p++)
                {
                    (sum, count) = known[p] ? (sum + plane[p], count + 1) : (sum, count);
                }

                var mean = sum / count;
                for (var p = 0; p < plane.Length; p++)
                {
                    plane[p] = known[p] ? plane[p] : mean;
                }
            }

            return;
        }

        // A coarse pixel is known when any of its 2×2 block is, with the mean of the block's known values.
        var (cw, ch) = ((width + 1) / 2, (height + 1) / 2);
        var counts = new int[cw * ch];
        var coarse = planes.Select(_ => new double[cw * ch]).ToArray();
        for (var p = 0; p < known.Length; p++)
        {
            if (known[p])
            {
                var q = ((p / width / 2) * cw) + (p % width / 2);
                counts[q]++;
                for (var c = 0; c < planes.Length; c++)
                {
                    coarse[c][q] += planes[c][p];
                }
            }
        }

        foreach (var plane in coarse)
        {
            for (var q = 0; q < plane.Length; q++)
            {
                plane[q] = counts[q] > 0 ? plane[q] / counts[q] : 0;
            }
        }

        Solve(coarse, Array.ConvertAll(counts, n => n > 0), cw, ch, fallback);
        for (var p = 0; p < known.Length; p++)
        {
            if (!known[p])
            {
                Interpolate(coarse, planes, p, cw, ch, ((p % width) - 0.5) / 2, ((p / width) - 0.5) / 2);
            }
        }
    }

    /// <summary>Pixel <paramref name="p"/> of every plane from its coarse plane at fractional pixel (x, y), bilinearly, edges clamped.</summary>
    private static void Interpolate(double[][] coarse, double[][] planes, int p, int width, int height, double x, double y)
    {
        var (x0, y0) = ((int)Math.Floor(x), (int)Math.Floor(y));
        var (fx, fy) = (x - x0, y - y0);
        var (left, right) = (Math.Clamp(x0, 0, width - 1), Math.Clamp(x0 + 1, 0, width - 1));
        var (top, bottom) = (Math.Clamp(y0, 0, height - 1) * width, Math.Clamp(y0 + 1, 0, height - 1) * width);
        for (var c = 0; c < planes.Length; c++)
        {
            var v = coarse[c];
            planes[c][p] = ((1 - fy) * (((1 - fx) * v[top + left]) + (fx * v[top + right]))) + (fy * (((1 - fx) * v[bottom + left]) + (fx * v[bottom + right])));
        }
    }
}
