namespace ModelAudit.Imaging;

/// <summary>Pixel operations: painting boxes, blurring, brightness and contrast, mean colour.</summary>
public static partial class ImageOps
{
    /// <summary>A copy with <paramref name="box"/> painted in <paramref name="fill"/>.</summary>
    public static RgbImage FillRect(RgbImage image, PixelBox box, Rgb fill) =>
        Paint(image, box, (_, _) => fill);

    /// <summary>A copy with the pixels of <paramref name="box"/> taken from <paramref name="source"/> (same size as <paramref name="image"/>).</summary>
    public static RgbImage PasteRect(RgbImage image, PixelBox box, RgbImage source)
    {
        if (source.Width != image.Width || source.Height != image.Height)
        {
            throw new ArgumentException($"The source image is {source.Width}x{source.Height} but must match the {image.Width}x{image.Height} image.", nameof(source));
        }

        return Paint(image, box, (x, y) => source[x, y]);
    }

    /// <summary>A separable Gaussian blur (edges clamped).</summary>
    public static RgbImage GaussianBlur(RgbImage image, double sigma)
    {
        if (sigma <= 0)
        {
            return image;
        }

        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new double[(2 * radius) + 1];
        for (var i = -radius; i <= radius; i++)
        {
            kernel[i + radius] = Math.Exp(-(i * i) / (2 * sigma * sigma));
        }

        var sum = kernel.Sum();
        for (var i = 0; i < kernel.Length; i++)
        {
            kernel[i] /= sum;
        }

        var w = image.Width;
        var h = image.Height;
        var src = image.Pixels;
        var tmp = new double[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    double acc = 0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        var xx = Math.Clamp(x + k, 0, w - 1);
                        acc += kernel[k + radius] * src[(((y * w) + xx) * 3) + c];
                    }

                    tmp[(((y * w) + x) * 3) + c] = acc;
                }
            }
        }

        var dst = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    double acc = 0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        var yy = Math.Clamp(y + k, 0, h - 1);
                        acc += kernel[k + radius] * tmp[(((yy * w) + x) * 3) + c];
                    }

                    dst[(((y * w) + x) * 3) + c] = ToByte(acc);
                }
            }
        }

        return RgbImage.Wrap(w, h, dst);
    }

    /// <summary>Applies <c>v' = v·gain + bias</c> per channel value (0..255), clamped.</summary>
    public static RgbImage Adjust(RgbImage image, double gain, double bias)
    {
        var src = image.Pixels;
        var dst = new byte[src.Length];
        for (var i = 0; i < src.Length; i++)
        {
            dst[i] = ToByte((src[i] * gain) + bias);
        }

        return RgbImage.Wrap(image.Width, image.Height, dst);
    }

    /// <summary>The per-channel mean colour.</summary>
    public static Rgb MeanColour(RgbImage image)
    {
        long r = 0, g = 0, b = 0;
        var p = image.Pixels;
        for (var i = 0; i < p.Length; i += 3)
        {
            r += p[i];
            g += p[i + 1];
            b += p[i + 2];
        }

        var n = p.Length / 3;
        return new Rgb((byte)((r + (n / 2)) / n), (byte)((g + (n / 2)) / n), (byte)((b + (n / 2)) / n));
    }

    private static RgbImage Paint(RgbImage image, PixelBox box, Func<int, int, Rgb> colour)
    {
        var clip = PixelBox.Intersect(box, image.Bounds);
        var dst = image.CopyPixels();
        for (var y = clip.Y; y < clip.Bottom; y++)
        {
            for (var x = clip.X; x < clip.Right; x++)
            {
                var c = colour(x, y);
                var i = ((y * image.Width) + x) * 3;
                dst[i] = c.R;
                dst[i + 1] = c.G;
                dst[i + 2] = c.B;
            }
        }

        return RgbImage.Wrap(image.Width, image.Height, dst);
    }
}
