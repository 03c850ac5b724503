using ModelAudit.Imaging;

namespace ModelAudit.Baselines;

/// <summary>
/// The picture a human looks at when a baseline fails: the verified image in dimmed grey, with every pixel that differs
/// painted red — faint for a small difference, pure red from a difference of 128 up — and each failing tile of a grid
/// framed in blue.
/// </summary>
internal static class DiffImage
{
    private static readonly Rgb Frame = new(0, 96, 255);

    public static RgbImage Render(RgbImage verified, RgbImage received, IEnumerable<PixelBox>? failingTiles = null)
    {
        var a = verified.Pixels;
        var b = received.Pixels;
        var luma = Ssim.Luma(verified);
        var result = new byte[a.Length];
        for (int p = 0, i = 0; p < luma.Length; p++, i += 3)
        {
            // Dimmed to 64..191 so that red stands out on white and black alike.
            var grey = 64 + (luma[p] / 2);
            var d = PixelDifference.PixelMax(a, b, i);
            var t = d == 0 ? 0 : 0.4 + (0.6 * Math.Min(1.0, d / 128.0));
            result[i] = (byte)Math.Round(grey + ((255 - grey) * t));
            result[i + 1] = (byte)Math.Round(grey * (1 - t));
            result[i + 2] = (byte)Math.Round(grey * (1 - t));
        }

        foreach (var tile in failingTiles ?? [])
        {
            // One pixel outside the tile, in the gap of the grid, so the frame hides none of the tile's own pixels.
            var box = tile.Inflate(1, verified.Bounds);
            for (var x = box.X; x < box.Right; x++)
            {
                Paint(result, verified.Width, x, box.Y);
                Paint(result, verified.Width, x, box.Bottom - 1);
            }

            for (var y = box.Y; y < box.Bottom; y++)
            {
                Paint(result, verified.Width, box.X, y);
                Paint(result, verified.Width, box.Right - 1, y);
            }
        }

        return RgbImage.Wrap(verified.Width, verified.Height, result);
    }

    private static void Paint(byte[] rgb, int width, int x, int y)
    {
        var i = ((y * width) + x) * 3;
        (rgb[i], rgb[i + 1], rgb[i + 2]) = (Frame.R, Frame.G, Frame.B);
    }
}
