using ModelAudit.Imaging;

namespace ModelAudit.Gradients;

/// <summary>Pictures of attribution maps.</summary>
internal static class AttributionRendering
{
    public static RgbImage Heatmap(AttributionMap map)
    {
        var (min, max) = Range(map);
        return Colormap.Viridis.Render(map.Span, map.Width, map.Height, min, max);
    }

    /// <summary>The map laid over the dimmed image; <paramref name="box"/>, when given, outlined dashed cyan and black.</summary>
    public static RgbImage Overlay(AttributionMap map, PixelBox? box = null)
    {
        var heat = Heatmap(map);
        var (min, max) = Range(map);
        var image = map.Image;
        var overlay = RgbImage.Create(map.Width, map.Height, (x, y) =>
        {
            // Strong evidence shows the heat colour, weak evidence lets the dimmed image through.
            var t = max > min ? Math.Clamp((map[x, y] - min) / (max - min), 0, 1) : 0;
            var a = 0.25 + (0.6 * t);
            var p = image[x, y];
            var h = heat[x, y];
            return new Rgb(Blend(p.R, h.R, a), Blend(p.G, h.G, a), Blend(p.B, h.B, a));
        });
        return box is { } b ? Marks.Dashed(overlay, b) : overlay;
    }

    private static byte Blend(byte image, byte heat, double a) => (byte)Math.Round(((1 - a) * image) + (a * heat));

    private static (double Min, double Max) Range(AttributionMap map)
    {
        // Gradient maps are sparse: scaling to the 99th percentile keeps a few extreme pixels from hiding the rest.
        var sorted = map.Values.ToArray();
        Array.Sort(sorted);
        var min = Math.Min(0, sorted[(int)(0.01 * (sorted.Length - 1))]);
        var max = Math.Max(0, sorted[(int)(0.99 * (sorted.Length - 1))]);
        return (min, max > min ? max : Math.Max(min + 1e-12, sorted[^1]));
    }
}
