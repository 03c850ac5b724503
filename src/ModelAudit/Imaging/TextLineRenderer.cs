using SkiaSharp;

namespace ModelAudit.Imaging;

/// <summary>
/// Renders a line of text as an OCR line crop: dark glyphs on a light background, the text filling the image
/// height (as a detector's crop would), squeezed horizontally when it is wider than the image, padded on the right otherwise.
/// </summary>
public static class TextLineRenderer
{
    public static RgbImage Render(string text, int width = 192, int height = 48, Rgb? ink = null, Rgb? paper = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The text line is empty.", nameof(text));
        }

        var inkColour = ink ?? new Rgb(20, 20, 20);
        var paperColour = paper ?? new Rgb(245, 245, 245);
        using var font = new SKFont(Fonts.Regular, height * 0.78f) { Edging = SKFontEdging.Antialias, Subpixel = false, Hinting = SKFontHinting.None };
        using var paint = new SKPaint { Color = new SKColor(inkColour.R, inkColour.G, inkColour.B), IsAntialias = true };
        var textWidth = (int)Math.Ceiling(font.MeasureText(text, paint)) + 4;
        var metrics = font.Metrics;
        var baseline = ((height - (metrics.Descent - metrics.Ascent)) / 2f) - metrics.Ascent;

        using var line = new SKBitmap(new SKImageInfo(textWidth, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(line))
        {
            canvas.Clear(new SKColor(paperColour.R, paperColour.G, paperColour.B));
            canvas.DrawText(text, 2, baseline, SKTextAlign.Left, font, paint);
        }

        var rendered = ImageCodec.FromBitmap(line);
        if (rendered.Width >= width)
        {
            return ImageOps.Resize(rendered, width, height);
        }

        var padded = RgbImage.Filled(width, height, paperColour);
        return ImageOps.PasteRect(padded, new PixelBox(0, 0, rendered.Width, height), Place(rendered, width));
    }

    private static RgbImage Place(RgbImage line, int width) =>
        RgbImage.Create(width, line.Height, (x, y) => x < line.Width ? line[x, y] : default);
}
