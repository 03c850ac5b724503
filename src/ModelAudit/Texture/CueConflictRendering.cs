using System.Globalization;
using ModelAudit.Imaging;
using SkiaSharp;

namespace ModelAudit.Texture;

/// <summary>
/// Draws a <see cref="CueConflictResult"/> as a grid, one pair per row: the shape image, the texture image, the
/// cue-conflict image and a panel with the prediction — the class, its probability, the cue it followed (blue for the
/// shape, orange for the texture, grey for neither) and the transfer's losses. Images are enlarged by whole pixels
/// to about 128 pixels; the panel is drawn at that size, so its text stays sharp. Reads the result only.
/// </summary>
internal static class CueConflictRendering
{
    private const float LineHeight = 17;

    public static RgbImage Render(CueConflictResult result, IReadOnlyList<string>? classNames, int maxPairs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPairs, 1);
        if (result.Pairs.Count == 0)
        {
            throw new ArgumentException("The result holds no cue-conflict pair to draw.", nameof(result));
        }

        string Name(int label) => classNames?.ElementAtOrDefault(label) ?? string.Create(CultureInfo.InvariantCulture, $"class {label}");
        var first = result.Pairs[0].Image;
        var scale = Math.Max(1, 128 / Math.Max(first.Width, first.Height));
        var tiles = new List<RgbImage>();
        var captions = new List<string>();
        foreach (var pair in result.Pairs.Take(maxPairs))
        {
            tiles.AddRange([Enlarge(pair.Shape, scale), Enlarge(pair.Texture, scale), Enlarge(pair.Image, scale), Panel(pair, Name, first.Width * scale, first.Height * scale)]);
            captions.AddRange([$"shape: {Name(pair.ShapeLabel)}", $"texture: {Name(pair.TextureLabel)}", "cue conflict", "prediction"]);
        }

        return TileGrid.Compose(tiles, 4, 1, 4, captions);
    }

    private static RgbImage Enlarge(RgbImage image, int scale) =>
        scale == 1 ? image : RgbImage.Create(image.Width * scale, image.Height * scale, (x, y) => image[x / scale, y / scale]);

    private static RgbImage Panel(CueConflictPair pair, Func<int, string> name, int width, int height)
    {
        var (cue, colour) = pair.Decision switch
        {
            CueDecision.Shape => ("follows the shape", new SKColor(31, 119, 180)),
            CueDecision.Texture => ("follows the texture", new SKColor(230, 110, 0)),
            _ => ("follows neither", new SKColor(120, 120, 120)),
        };
        using var bitmap = ImageCodec.ToBitmap(RgbImage.Filled(width, height, new Rgb(245, 245, 245)));
        using (var canvas = new SKCanvas(bitmap))
        using (var bold = new SKFont(Fonts.Bold, 14) { Edging = SKFontEdging.Antialias })
        using (var regular = new SKFont(Fonts.Regular, 12) { Edging = SKFontEdging.Antialias })
        using (var ink = new SKPaint { Color = new SKColor(20, 20, 20), IsAntialias = true })
        using (var accent = new SKPaint { Color = colour, IsAntialias = true })
        {
            var y = LineHeight;
            canvas.DrawText(name(pair.Predicted), 4, y, SKTextAlign.Left, bold, ink);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"p = {pair.Confidence:0.00}"), 4, y += LineHeight, SKTextAlign.Left, regular, ink);
            canvas.DrawText(cue, 4, y += LineHeight, SKTextAlign.Left, regular, accent);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"style {pair.StyleLossAtStart:0.00} → {pair.StyleLoss:0.00}"), 4, y += LineHeight, SKTextAlign.Left, regular, ink);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"content {pair.ContentLoss:0.00}"), 4, y + LineHeight, SKTextAlign.Left, regular, ink);
        }

        return ImageCodec.FromBitmap(bitmap);
    }
}
