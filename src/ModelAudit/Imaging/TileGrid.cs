using SkiaSharp;

namespace ModelAudit.Imaging;

/// <summary>
/// Lays images out in a grid with gaps, each tile upscaled by nearest neighbour, optionally captioned. The picture
/// carries its <see cref="RgbImage.Tiles"/> layout, so a baseline compares it tile by tile.
/// </summary>
public static class TileGrid
{
    /// <summary>Text under a tile is drawn at 13 px, legible when the picture is shown at its own size.</summary>
    private const float CaptionSize = 13;

    private const int CaptionHeight = 18;

    /// <param name="tiles">Images, all the same size.</param>
    /// <param name="columns">Tiles per row (0: about square).</param>
    /// <param name="scale">Integer upscaling per tile, nearest neighbour, so 3×3 filters stay visible.</param>
    /// <param name="gap">Pixels between tiles.</param>
    /// <param name="captions">Optional text under each tile.</param>
    /// <param name="background">Colour between tiles (default white).</param>
    public static RgbImage Compose(IReadOnlyList<RgbImage> tiles, int columns = 0, int scale = 1, int gap = 2, IReadOnlyList<string>? captions = null, Rgb? background = null)
    {
        if (tiles.Count == 0)
        {
            throw new ArgumentException("A tile grid needs at least one tile.", nameof(tiles));
        }

        var tw = tiles[0].Width;
        var th = tiles[0].Height;
        if (tiles.Any(t => t.Width != tw || t.Height != th))
        {
            throw new ArgumentException("All tiles of a grid must have the same size.", nameof(tiles));
        }

        var cols = columns > 0 ? columns : (int)Math.Ceiling(Math.Sqrt(tiles.Count));
        var rows = (tiles.Count + cols - 1) / cols;
        var captionHeight = captions is null ? 0 : CaptionHeight;
        var cellW = (tw * scale) + gap;
        var cellH = (th * scale) + gap + captionHeight;
        var width = (cols * cellW) + gap;
        var height = (rows * cellH) + gap;
        var bg = background ?? new Rgb(255, 255, 255);
        var data = new byte[width * height * 3];
        for (var i = 0; i < data.Length; i += 3)
        {
            data[i] = bg.R;
            data[i + 1] = bg.G;
            data[i + 2] = bg.B;
        }

        for (var t = 0; t < tiles.Count; t++)
        {
            var ox = gap + ((t % cols) * cellW);
            var oy = gap + ((t / cols) * cellH);
            var px = tiles[t].Pixels;
            for (var y = 0; y < th * scale; y++)
            {
                for (var x = 0; x < tw * scale; x++)
                {
                    var s = (((y / scale) * tw) + (x / scale)) * 3;
                    var d = (((oy + y) * width) + ox + x) * 3;
                    data[d] = px[s];
                    data[d + 1] = px[s + 1];
                    data[d + 2] = px[s + 2];
                }
            }
        }

        var grid = RgbImage.Wrap(width, height, data);
        var layout = new TileLayout(tiles.Count, cols, tw * scale, th * scale, gap, cellW, cellH);
        return (captions is null ? grid : Caption(grid, captions, cols, cellW, cellH, th * scale, gap)).WithTiles(layout);
    }

    private static RgbImage Caption(RgbImage grid, IReadOnlyList<string> captions, int cols, int cellW, int cellH, int tileH, int gap)
    {
        using var bitmap = ImageCodec.ToBitmap(grid);
        using (var canvas = new SKCanvas(bitmap))
        using (var font = new SKFont(Fonts.Regular, CaptionSize) { Edging = SKFontEdging.Antialias })
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            for (var i = 0; i < captions.Count; i++)
            {
                var x = gap + ((i % cols) * cellW);
                var y = gap + ((i / cols) * cellH) + tileH + 14;
                canvas.DrawText(captions[i], x, y, SKTextAlign.Left, font, paint);
            }
        }

        return ImageCodec.FromBitmap(bitmap);
    }
}
