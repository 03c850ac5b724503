using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Occlusion;

/// <summary>
/// Pictures of an <see cref="OcclusionMap"/>. The colour scale runs from zero drop (dark) to the map's largest
/// positive attribution (yellow); pixels where occlusion helped the target are drawn as zero.
/// </summary>
public static class OcclusionRendering
{
    /// <summary>The attribution map in viridis, at the map's resolution.</summary>
    public static RgbImage Heatmap(OcclusionMap map) => Colormap.Viridis.Render(map.Attribution, map.Width, map.Height, 0, ScaleMax(map));

    /// <summary>
    /// The heatmap laid over the image: each pixel is blended with its viridis colour, more strongly where the
    /// attribution is higher (<paramref name="alpha"/> at the maximum, a third of it at zero), so the image stays
    /// readable where the model does not look. The worst window is outlined in white; <paramref name="box"/>, when
    /// given — the region a metric such as mass inside was measured in — is outlined dashed cyan and black beneath it.
    /// </summary>
    public static RgbImage Overlay(OcclusionMap map, double alpha = 0.7, PixelBox? box = null)
    {
        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must lie in [0, 1].");
        }

        var max = ScaleMax(map);
        var image = map.Image.Pixels;
        var values = map.Attribution;
        var data = new byte[image.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var t = max > 0 ? Math.Clamp(values[i] / max, 0, 1) : 0;
            var a = alpha * ((1 + (2 * t)) / 3);
            var c = Colormap.Viridis.Map(t);
            data[i * 3] = Blend(image[i * 3], c.R, a);
            data[(i * 3) + 1] = Blend(image[(i * 3) + 1], c.G, a);
            data[(i * 3) + 2] = Blend(image[(i * 3) + 2], c.B, a);
        }

        var blended = RgbImage.FromPixels(map.Width, map.Height, data);
        return Marks.Outline(box is { } b ? Marks.Dashed(blended, b) : blended, map.MostDamaging.Box, new Rgb(255, 255, 255));
    }

    /// <summary>
    /// Image | map | overlay side by side (stacked when the image is more than twice as wide as tall), upscaled by
    /// nearest neighbour: <paramref name="scale"/> 0 picks 4× below 128 pixels, 2× below 256, else 1×. Each tile has a
    /// short label; the numbers belong in the caption beside the picture, where they stay legible at any size. The
    /// overlay outlines <paramref name="box"/> when given (see <see cref="Overlay"/>).
    /// </summary>
    public static RgbImage SideBySide(OcclusionMap map, int scale = 0, PixelBox? box = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        var longest = Math.Max(map.Width, map.Height);
        var s = scale > 0 ? scale : longest < 128 ? 4 : longest < 256 ? 2 : 1;
        var columns = map.Width > 2 * map.Height ? 1 : 3;
        string[] captions =
        [
            "image",
            string.Create(CultureInfo.InvariantCulture, $"mean {(!map.IsClassTarget || map.Score == OcclusionScore.Probability ? "" : map.Score.Describe() + " ")}drop, 0 to {ScaleMax(map):0.00}"),
            box is null ? "overlay, worst window" : "box measured, worst window",
        ];
        return TileGrid.Compose([map.Image, Heatmap(map), Overlay(map, box: box)], columns, s, gap: 4, captions);
    }

    private static double ScaleMax(OcclusionMap map)
    {
        var max = 0f;
        foreach (var v in map.Attribution)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    private static byte Blend(byte under, byte over, double a) => ImageOps.ToByte((under * (1 - a)) + (over * a));
}
