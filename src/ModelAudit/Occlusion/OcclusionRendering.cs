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
    /// readable where the model does not look.
    /// </summary>
    public static RgbImage Overlay(OcclusionMap map, double alpha = 0.7)
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

        return Outline(RgbImage.FromPixels(map.Width, map.Height, data), map.MostDamaging.Box, new Rgb(255, 255, 255));
    }

    /// <summary>
    /// Image | map | overlay side by side (stacked when the image is more than twice as wide as tall), upscaled by
    /// nearest neighbour: <paramref name="scale"/> 0 picks 4× below 128 pixels, 2× below 256, else 1×.
    /// </summary>
    public static RgbImage SideBySide(OcclusionMap map, int scale = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        var longest = Math.Max(map.Width, map.Height);
        var s = scale > 0 ? scale : longest < 128 ? 4 : longest < 256 ? 2 : 1;
        var columns = map.Width > 2 * map.Height ? 1 : 3;
        string[] captions =
        [
            map.IsClassTarget
                ? string.Create(CultureInfo.InvariantCulture, $"class {map.TargetClass}: p={map.BaseProbability:0.000}{(map.Score == OcclusionScore.Probability ? "" : $", {map.Score.Describe()} {map.BaseScore:0.00}")}")
                : string.Create(CultureInfo.InvariantCulture, $"{map.TargetName}: {map.BaseScore:0.000}"),
            string.Create(CultureInfo.InvariantCulture, $"{(!map.IsClassTarget || map.Score == OcclusionScore.Probability ? "" : map.Score.Describe() + " ")}drop 0..{ScaleMax(map):0.000}, peak ({map.Peak.X},{map.Peak.Y})"),
            string.Create(CultureInfo.InvariantCulture, $"overlay; worst window {map.MostDamaging.Box}"),
        ];
        return TileGrid.Compose([map.Image, Heatmap(map), Overlay(map)], columns, s, gap: 4, captions);
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

    private static RgbImage Outline(RgbImage image, PixelBox box, Rgb colour) => RgbImage.Create(image.Width, image.Height, (x, y) =>
    {
        var onEdge = box.Contains(x, y) && (x == box.X || y == box.Y || x == box.Right - 1 || y == box.Bottom - 1);
        return onEdge ? colour : image[x, y];
    });
}
