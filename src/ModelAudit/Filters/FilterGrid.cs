using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Filters;

/// <summary>
/// Draws a layer's filters as a grid (CS231n's first-layer picture): each filter normalised on its own
/// (its minimum black, its maximum white, a zero filter mid-grey), in colour when it reads 3 input channels,
/// otherwise its channel planes tiled in grey; upscaled by nearest neighbour so 3×3 kernels stay visible.
/// </summary>
public static class FilterGrid
{
    public static RgbImage Render(FilterReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var layer = report.Layer;
        var (kh, kw) = (layer.KernelHeight, layer.KernelWidth);
        var colour = layer.InChannelsPerGroup == 3 && report.ChannelOrder != ChannelOrder.Gray;
        var tiles = new RgbImage[layer.OutChannels];
        for (var f = 0; f < tiles.Length; f++)
        {
            var w = report.Weights(f);
            var (min, max) = Range(w);
            tiles[f] = colour ? Colour(w, kh, kw, min, max, report.ChannelOrder) : Planes(w, kh, kw, min, max);
        }

        var scale = Math.Max(1, 24 / Math.Max(kh, kw));
        if (!colour && layer.InChannelsPerGroup > 1)
        {
            // Tiles already hold several planes; a smaller factor keeps wide layers on screen.
            scale = Math.Max(1, scale / 2);
        }

        var columns = Math.Min(tiles.Length, colour || layer.InChannelsPerGroup == 1 ? 16 : 8);
        return TileGrid.Compose(tiles, columns, scale, gap: 3, background: new Rgb(255, 255, 255));
    }

    private static (float Min, float Max) Range(ReadOnlySpan<float> w)
    {
        var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var v in w)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (min, max);
    }

    private static byte Level(float v, float min, float max) =>
        max > min ? ImageOps.ToByte(255.0 * (v - min) / (max - min)) : (byte)128;

    private static RgbImage Colour(ReadOnlySpan<float> w, int kh, int kw, float min, float max, ChannelOrder order)
    {
        var plane = kh * kw;
        var (r, b) = order == ChannelOrder.Bgr ? (2, 0) : (0, 2);
        var data = new byte[plane * 3];
        for (var i = 0; i < plane; i++)
        {
            data[i * 3] = Level(w[(r * plane) + i], min, max);
            data[(i * 3) + 1] = Level(w[plane + i], min, max);
            data[(i * 3) + 2] = Level(w[(b * plane) + i], min, max);
        }

        return RgbImage.Wrap(kw, kh, data);
    }

    private static RgbImage Planes(ReadOnlySpan<float> w, int kh, int kw, float min, float max)
    {
        // Channel planes in a near-square block, one pixel of light grey between them.
        var planes = w.Length / (kh * kw);
        var cols = (int)Math.Ceiling(Math.Sqrt(planes));
        var rows = (planes + cols - 1) / cols;
        var width = (cols * (kw + 1)) - 1;
        var height = (rows * (kh + 1)) - 1;
        var data = new byte[width * height * 3];
        Array.Fill(data, (byte)220);
        for (var c = 0; c < planes; c++)
        {
            var ox = (c % cols) * (kw + 1);
            var oy = (c / cols) * (kh + 1);
            for (var y = 0; y < kh; y++)
            {
                for (var x = 0; x < kw; x++)
                {
                    var v = Level(w[(c * kh * kw) + (y * kw) + x], min, max);
                    var d = (((oy + y) * width) + ox + x) * 3;
                    data[d] = data[d + 1] = data[d + 2] = v;
                }
            }
        }

        return RgbImage.Wrap(width, height, data);
    }
}
