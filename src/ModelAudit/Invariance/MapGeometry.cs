namespace ModelAudit.Invariance;

/// <summary>
/// A geometric transform at one value, carried over to one tensor's map: where each map pixel of the transformed
/// input's map should take its value from in the untransformed map, and which pixels can be compared.
/// </summary>
/// <remarks>
/// Map and input pixels correspond by their centres, as in a half-pixel resize: input coordinate <c>x</c> is map
/// coordinate <c>(x + 0.5)·w/W − 0.5</c>. A shift of <c>d</c> input pixels is then a shift of <c>d·w/W</c> map pixels,
/// and the input's centre is the map's centre, so a scale or rotation keeps its centre.
/// </remarks>
internal sealed class MapGeometry
{
    private const double Eps = 1e-9;
    private readonly Func<double, double, (double X, double Y)> _inputSource;
    private readonly double _toInputX;
    private readonly double _toInputY;
    private readonly double _marginX;
    private readonly double _marginY;

    /// <param name="tensor">The map's shape.</param>
    /// <param name="inputWidth">The model input's width, in pixels.</param>
    /// <param name="inputHeight">The model input's height.</param>
    /// <param name="inputSource">Where a pixel of the transformed input takes its content from (<see cref="Transform.SourceOf"/>).</param>
    /// <param name="margin">Input pixels left out inside every border (<see cref="EquivarianceOptions.Margin"/>).</param>
    public MapGeometry(EquivarianceTensor tensor, int inputWidth, int inputHeight, Func<double, double, (double X, double Y)> inputSource, double margin)
    {
        Tensor = tensor;
        _inputSource = inputSource;
        _toInputX = (double)inputWidth / tensor.Width;
        _toInputY = (double)inputHeight / tensor.Height;
        _marginX = margin / _toInputX;
        _marginY = margin / _toInputY;
        var compared = 0;
        for (var y = 0; y < tensor.Height; y++)
        {
            for (var x = 0; x < tensor.Width; x++)
            {
                compared += Compared(x, y, out _, out _) ? 1 : 0;
            }
        }

        ComparedPixels = compared;
    }

    public EquivarianceTensor Tensor { get; }

    /// <summary>Pixels (per channel) inside the map, less the margin, both where they are and where they come from.</summary>
    public int ComparedPixels { get; }

    public double ComparedFraction => (double)ComparedPixels / (Tensor.Height * Tensor.Width);

    /// <summary>Where the transform takes map pixel (x, y) from, in map coordinates; near-integers snap to integers.</summary>
    public (double X, double Y) SourceOf(int x, int y)
    {
        var (sx, sy) = _inputSource(((x + 0.5) * _toInputX) - 0.5, ((y + 0.5) * _toInputY) - 0.5);
        return (Snap(((sx + 0.5) / _toInputX) - 0.5), Snap(((sy + 0.5) / _toInputY) - 0.5));
    }

    /// <summary>
    /// The equivariance and invariance errors of one image: <paramref name="transformed"/> (the map of the transformed
    /// input) against <paramref name="original"/> moved by the transform (bilinear), and against it unmoved, each
    /// relative to the norm of what it is compared with, over the compared pixels of every channel.
    /// </summary>
    public (double Equivariance, double Invariance) Compare(ReadOnlySpan<float> original, ReadOnlySpan<float> transformed)
    {
        var (w, h) = (Tensor.Width, Tensor.Height);
        var plane = w * h;
        double movedDiff = 0, movedNorm = 0, stillDiff = 0, stillNorm = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                if (!Compared(x, y, out var sx, out var sy))
                {
                    continue;
                }

                var x0 = (int)Math.Floor(sx);
                var y0 = (int)Math.Floor(sy);
                var x1 = Math.Min(x0 + 1, w - 1);
                var y1 = Math.Min(y0 + 1, h - 1);
                var (ax, ay) = (sx - x0, sy - y0);
                for (var c = 0; c < Tensor.Channels; c++)
                {
                    var p = c * plane;
                    var top = (original[p + (y0 * w) + x0] * (1 - ax)) + (original[p + (y0 * w) + x1] * ax);
                    var bottom = (original[p + (y1 * w) + x0] * (1 - ax)) + (original[p + (y1 * w) + x1] * ax);
                    var moved = (top * (1 - ay)) + (bottom * ay);
                    double still = original[p + (y * w) + x];
                    double seen = transformed[p + (y * w) + x];
                    movedDiff += (seen - moved) * (seen - moved);
                    movedNorm += moved * moved;
                    stillDiff += (seen - still) * (seen - still);
                    stillNorm += still * still;
                }
            }
        }

        return (Relative(movedDiff, movedNorm), Relative(stillDiff, stillNorm));
    }

    /// <summary>‖difference‖ / ‖reference‖ from their squares; a difference of zero is no error, even against a zero map.</summary>
    private static double Relative(double squaredDifference, double squaredNorm) =>
        squaredDifference == 0 ? 0 : Math.Sqrt(squaredDifference) / Math.Max(Math.Sqrt(squaredNorm), 1e-12);

    private static double Snap(double v) => Math.Abs(v - Math.Round(v)) < Eps ? Math.Round(v) : v;

    private bool Compared(int x, int y, out double sx, out double sy)
    {
        (sx, sy) = (0, 0);
        if (!Inside(x, y))
        {
            return false;
        }

        (sx, sy) = SourceOf(x, y);
        if (!Inside(sx, sy))
        {
            return false;
        }

        // Inside admits rounding noise just past an edge; clamping keeps the bilinear neighbours on the map.
        (sx, sy) = (Math.Clamp(sx, 0, Tensor.Width - 1), Math.Clamp(sy, 0, Tensor.Height - 1));
        return true;
    }

    private bool Inside(double x, double y) =>
        x >= _marginX - Eps && x <= Tensor.Width - 1 - _marginX + Eps && y >= _marginY - Eps && y <= Tensor.Height - 1 - _marginY + Eps;
}
