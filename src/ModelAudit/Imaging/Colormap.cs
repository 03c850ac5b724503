namespace ModelAudit.Imaging;

/// <summary>Maps values in [0, 1] to colours. <see cref="Viridis"/> is perceptually uniform and readable in grey print.</summary>
public sealed class Colormap
{
    // Viridis sampled at 9 evenly spaced stops (matplotlib's table); linear interpolation between stops.
    private static readonly (double R, double G, double B)[] ViridisStops =
    [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ];

    private static readonly (double R, double G, double B)[] DivergingStops =
    [
        (5, 48, 97), (67, 147, 195), (209, 229, 240), (247, 247, 247), (253, 219, 199), (214, 96, 77), (103, 0, 31),
    ];

    private readonly (double R, double G, double B)[] _stops;

    private Colormap(string name, (double, double, double)[] stops)
    {
        Name = name;
        _stops = stops;
    }

    public static Colormap Viridis { get; } = new("viridis", ViridisStops);

    /// <summary>Blue–white–red, for signed values mapped so that 0.5 is zero.</summary>
    public static Colormap BlueWhiteRed { get; } = new("blue-white-red", DivergingStops);

    public static Colormap Gray { get; } = new("gray", [(0, 0, 0), (255, 255, 255)]);

    public string Name { get; }

    /// <summary>The colour of <paramref name="t"/>, clamped to [0, 1]; NaN maps to 0.</summary>
    public Rgb Map(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        var pos = t * (_stops.Length - 1);
        var i = Math.Min((int)pos, _stops.Length - 2);
        var f = pos - i;
        var (r0, g0, b0) = _stops[i];
        var (r1, g1, b1) = _stops[i + 1];
        return new Rgb(ImageOps.ToByte(r0 + ((r1 - r0) * f)), ImageOps.ToByte(g0 + ((g1 - g0) * f)), ImageOps.ToByte(b0 + ((b1 - b0) * f)));
    }

    /// <summary>Renders a row-major map as an image, scaled so <paramref name="min"/>→0 and <paramref name="max"/>→1.</summary>
    public RgbImage Render(ReadOnlySpan<float> values, int width, int height, double min, double max)
    {
        if (values.Length != width * height)
        {
            throw new ArgumentException($"A {width}x{height} map needs {width * height} values, got {values.Length}.", nameof(values));
        }

        var range = max - min;
        var data = new byte[width * height * 3];
        for (var i = 0; i < values.Length; i++)
        {
            var c = Map(range > 0 ? (values[i] - min) / range : 0);
            data[i * 3] = c.R;
            data[(i * 3) + 1] = c.G;
            data[(i * 3) + 2] = c.B;
        }

        return RgbImage.Wrap(width, height, data);
    }

    /// <summary>Renders a map scaled by its own minimum and maximum.</summary>
    public RgbImage Render(ReadOnlySpan<float> values, int width, int height)
    {
        var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return Render(values, width, height, min, max);
    }
}
