using ModelAudit.Imaging;

namespace ModelAudit.Baselines;

/// <summary>
/// The picture a human looks at when a baseline fails: the verified image in dimmed grey, with every pixel that differs
/// painted red — faint for a small difference, pure red from a difference of 128 up.
/// </summary>
internal static class DiffImage
{
    public static RgbImage Render(RgbImage verified, RgbImage received)
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

        return RgbImage.Wrap(verified.Width, verified.Height, result);
    }
}
