using System.Globalization;
using ModelAudit.Imaging;
using SkiaSharp;

namespace ModelAudit.Embeddings;

/// <summary>Pictures of an embedding's map: a class-coloured scatter plot and a thumbnail map.</summary>
internal static class EmbeddingPlots
{
    public static RgbImage Scatter(Embedding e, int width, int height)
    {
        var font = Fonts.RegisterPlotFonts();
        var plot = new ScottPlot.Plot();
        for (var k = 0; k < e.ClassNames.Count; k++)
        {
            var members = Enumerable.Range(0, e.Count).Where(i => e.Labels[i] == k).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            var c = ClassPalette.Of(k);
            var points = plot.Add.ScatterPoints(members.Select(i => (double)e.Map.X(i)).ToArray(), members.Select(i => (double)e.Map.Y(i)).ToArray(), new ScottPlot.Color(c.R, c.G, c.B));
            points.MarkerSize = e.Count > 2000 ? 3 : 6;
            points.LegendText = string.Create(CultureInfo.InvariantCulture, $"{e.ClassNames[k]} (n={members.Length}, s={e.Separation.ClassSilhouette[k]:F2})");
        }

        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.Legend.FontName = font;
        var s = e.Separation;
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"{e.Map.Method} of '{e.Layer}' ({e.Count}×{e.Dimension}): silhouette {s.Silhouette:F3}, {s.KnnK}-NN {s.KnnAccuracy:P1}, trust {e.Map.Trustworthiness:F3}"), 13);
        plot.Axes.Title.Label.FontName = font;
        return ImageCodec.Decode(plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png), "scatter plot");
    }

    /// <summary>Each image shrunk to fit a <paramref name="thumbnail"/>-pixel box at its map position, in index order.</summary>
    public static RgbImage Thumbnails(Embedding e, int size, int thumbnail)
    {
        if (e.Images is null)
        {
            throw new InvalidOperationException("This embedding was built without images; pass them to Embedding.FromFeatures for a thumbnail map.");
        }

        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        for (var i = 0; i < e.Count; i++)
        {
            minX = Math.Min(minX, e.Map.X(i));
            maxX = Math.Max(maxX, e.Map.X(i));
            minY = Math.Min(minY, e.Map.Y(i));
            maxY = Math.Max(maxY, e.Map.Y(i));
        }

        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var frame = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
        using var sampling = new SKPaint();
        var usable = size - thumbnail - 8;
        for (var i = 0; i < e.Count; i++)
        {
            var image = e.Images[i];
            var scale = (float)thumbnail / Math.Max(image.Width, image.Height);
            var w = image.Width * scale;
            var h = image.Height * scale;
            var cx = 4 + (thumbnail / 2f) + (usable * (e.Map.X(i) - minX) / Math.Max(maxX - minX, 1e-6f));
            var cy = 4 + (thumbnail / 2f) + (usable * (maxY - e.Map.Y(i)) / Math.Max(maxY - minY, 1e-6f));
            var rect = new SKRect(cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2));
            using var source = ImageCodec.ToBitmap(image);
            using var skImage = SKImage.FromBitmap(source);
            canvas.DrawImage(skImage, rect, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), sampling);
            var c = ClassPalette.Of(e.Labels[i]);
            frame.Color = new SKColor(c.R, c.G, c.B);
            canvas.DrawRect(rect, frame);
        }

        canvas.Flush();
        return ImageCodec.FromBitmap(bitmap);
    }
}
