using ModelAudit.Imaging;

namespace ModelAudit.Shortcuts;

/// <summary>Pictures of evidence maps and suspect regions.</summary>
internal static class ShortcutRendering
{
    public static RgbImage Heatmap(ReadOnlySpan<float> values, int width, int height)
    {
        var max = 0f;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return Colormap.Viridis.Render(values, width, height, 0, max > 0 ? max : 1);
    }

    /// <summary>The mean map with the suspect region's outline drawn in white.</summary>
    public static RgbImage WithRegion(ClassEvidence evidence)
    {
        var heat = evidence.RenderMeanMap();
        var region = evidence.Region;
        return RgbImage.Create(heat.Width, heat.Height, (x, y) =>
            region.Contains(x, y) && !(region.Contains(x - 1, y) && region.Contains(x + 1, y) && region.Contains(x, y - 1) && region.Contains(x, y + 1))
                ? Rgb.Gray(255)
                : heat[x, y]);
    }
}
