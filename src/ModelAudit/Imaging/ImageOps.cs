namespace ModelAudit.Imaging;

/// <summary>
/// Geometric and pixel operations on <see cref="RgbImage"/>. All are written out by hand (no GPU, no
/// platform resampler) so that the same input gives the same pixels on every machine.
/// </summary>
public static partial class ImageOps
{
    /// <summary>Bilinear resize (pixel centres aligned, edges clamped).</summary>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"Cannot resize to {width}x{height}: the size must be positive.");
        }

        var sx = (double)image.Width / width;
        var sy = (double)image.Height / height;
        return Sample(image, width, height, (x, y) => (((x + 0.5) * sx) - 0.5, ((y + 0.5) * sy) - 0.5), fill: null);
    }

    /// <summary>The part of the image inside <paramref name="box"/> (clipped to the image).</summary>
    public static RgbImage Crop(RgbImage image, PixelBox box)
    {
        var clip = PixelBox.Intersect(box, image.Bounds);
        if (clip.Area == 0)
        {
            throw new ArgumentException($"Crop box {box} does not overlap the {image.Width}x{image.Height} image.", nameof(box));
        }

        var src = image.Pixels;
        var dst = new byte[clip.Width * clip.Height * 3];
        for (var y = 0; y < clip.Height; y++)
        {
            src.Slice((((clip.Y + y) * image.Width) + clip.X) * 3, clip.Width * 3).CopyTo(dst.AsSpan(y * clip.Width * 3));
        }

        return RgbImage.Wrap(clip.Width, clip.Height, dst);
    }

    /// <summary>Shifts the content by (dx, dy) pixels; uncovered pixels take <paramref name="fill"/>.</summary>
    public static RgbImage Translate(RgbImage image, double dx, double dy, Rgb fill) => Translate(image, dx, dy, (Rgb?)fill);

    /// <summary>As the public overload; a null <paramref name="fill"/> repeats the nearest edge pixel instead.</summary>
    internal static RgbImage Translate(RgbImage image, double dx, double dy, Rgb? fill) =>
        Sample(image, image.Width, image.Height, TranslateSource(dx, dy), fill);

    /// <summary>Scales the content by <paramref name="factor"/> about the image centre; uncovered pixels take <paramref name="fill"/>.</summary>
    public static RgbImage Scale(RgbImage image, double factor, Rgb fill) => Scale(image, factor, (Rgb?)fill);

    /// <summary>As the public overload; a null <paramref name="fill"/> repeats the nearest edge pixel instead.</summary>
    internal static RgbImage Scale(RgbImage image, double factor, Rgb? fill)
    {
        if (!(factor > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The scale factor must be positive.");
        }

        return Sample(image, image.Width, image.Height, ScaleSource(image.Width, image.Height, factor), fill);
    }

    /// <summary>Rotates the content by <paramref name="degrees"/> (clockwise on screen) about the centre.</summary>
    public static RgbImage Rotate(RgbImage image, double degrees, Rgb fill) => Rotate(image, degrees, (Rgb?)fill);

    /// <summary>As the public overload; a null <paramref name="fill"/> repeats the nearest edge pixel instead.</summary>
    internal static RgbImage Rotate(RgbImage image, double degrees, Rgb? fill)
    {
        var turns = degrees / 90.0;
        if (Math.Abs(turns - Math.Round(turns)) < 1e-12)
        {
            // Quarter turns of a square image, and half turns of any image, are exact permutations.
            var quarter = (((int)Math.Round(turns) % 4) + 4) % 4;
            if (quarter == 0)
            {
                return image;
            }

            if (quarter == 2 || image.Width == image.Height)
            {
                return RotateQuarters(image, quarter);
            }
        }

        return Sample(image, image.Width, image.Height, RotateSource(image.Width, image.Height, degrees), fill);
    }

    /// <summary>Where the pixel at (x, y) of an image shifted by (dx, dy) takes its content from.</summary>
    internal static Func<double, double, (double X, double Y)> TranslateSource(double dx, double dy) => (x, y) => (x - dx, y - dy);

    /// <summary>Where the pixel at (x, y) of an image scaled by <paramref name="factor"/> about its centre takes its content from.</summary>
    internal static Func<double, double, (double X, double Y)> ScaleSource(int width, int height, double factor)
    {
        var (cx, cy) = Centre(width, height);
        return (x, y) => (cx + ((x - cx) / factor), cy + ((y - cy) / factor));
    }

    /// <summary>Where the pixel at (x, y) of an image rotated clockwise by <paramref name="degrees"/> about its centre takes its content from.</summary>
    internal static Func<double, double, (double X, double Y)> RotateSource(int width, int height, double degrees)
    {
        var rad = degrees * Math.PI / 180.0;
        var cos = Math.Cos(rad);
        var sin = Math.Sin(rad);
        var (cx, cy) = Centre(width, height);
        return (x, y) =>
        {
            var u = x - cx;
            var v = y - cy;
            return (cx + (u * cos) + (v * sin), cy - (u * sin) + (v * cos));
        };
    }

    internal static byte ToByte(double v) => (byte)Math.Clamp((int)Math.Round(v, MidpointRounding.AwayFromZero), 0, 255);

    private static (double X, double Y) Centre(int width, int height) => ((width - 1) / 2.0, (height - 1) / 2.0);

    private static RgbImage RotateQuarters(RgbImage image, int quarter)
    {
        var w = image.Width;
        var h = image.Height;
        var src = image.Pixels;
        var dst = new byte[src.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                // Clockwise on screen: destination (x, y) reads the source pixel that moves there.
                var (sx, sy) = quarter switch
                {
                    1 => (y, w - 1 - x),
                    2 => (w - 1 - x, h - 1 - y),
                    _ => (h - 1 - y, x),
                };
                src.Slice(((sy * w) + sx) * 3, 3).CopyTo(dst.AsSpan(((y * w) + x) * 3));
            }
        }

        return RgbImage.Wrap(w, h, dst);
    }

    /// <summary>
    /// Inverse-maps every destination pixel to a source position and samples it bilinearly.
    /// Positions outside the source take <paramref name="fill"/>, or the nearest edge pixel when fill is null.
    /// </summary>
    private static RgbImage Sample(RgbImage image, int width, int height, Func<double, double, (double X, double Y)> inverse, Rgb? fill)
    {
        var src = image.Pixels;
        var sw = image.Width;
        var sh = image.Height;
        var dst = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (fx, fy) = inverse(x, y);
                var o = ((y * width) + x) * 3;
                const double eps = 1e-9;
                if (fill is { } f && (fx < -0.5 - eps || fy < -0.5 - eps || fx > sw - 0.5 + eps || fy > sh - 0.5 + eps))
                {
                    dst[o] = f.R;
                    dst[o + 1] = f.G;
                    dst[o + 2] = f.B;
                    continue;
                }

                fx = Math.Clamp(fx, 0, sw - 1);
                fy = Math.Clamp(fy, 0, sh - 1);
                var x0 = (int)Math.Floor(fx);
                var y0 = (int)Math.Floor(fy);
                var x1 = Math.Min(x0 + 1, sw - 1);
                var y1 = Math.Min(y0 + 1, sh - 1);
                var ax = fx - x0;
                var ay = fy - y0;
                for (var c = 0; c < 3; c++)
                {
                    var top = (src[(((y0 * sw) + x0) * 3) + c] * (1 - ax)) + (src[(((y0 * sw) + x1) * 3) + c] * ax);
                    var bottom = (src[(((y1 * sw) + x0) * 3) + c] * (1 - ax)) + (src[(((y1 * sw) + x1) * 3) + c] * ax);
                    dst[o + c] = ToByte((top * (1 - ay)) + (bottom * ay));
                }
            }
        }

        return RgbImage.Wrap(width, height, dst);
    }
}
