using System.Runtime.InteropServices;
using ModelAudit.Imaging;
using SkiaSharp;

namespace ModelAudit.Models;

/// <summary>
/// ML.NET's image transforms (Microsoft.ML.ImageAnalytics 6, <c>MLImage</c>) done the way ML.NET does them: the same
/// float arithmetic for the target rectangle, the same SkiaSharp calls on a BGRA bitmap, so that a spec with
/// <see cref="Resampling.MLNet"/> produces the bytes an ML.NET pipeline feeds its model.
/// </summary>
internal static class MlNetImaging
{
    // ConvertToGrayscale's colour matrix.
    private static readonly float[] GrayMatrix =
    [
        0.3f, 0.59f, 0.11f, 0, 0,
        0.3f, 0.59f, 0.11f, 0, 0,
        0.3f, 0.59f, 0.11f, 0, 0,
        0, 0, 0, 1, 0,
    ];

    /// <summary>Where ResizeImages draws a <paramref name="imageWidth"/>×<paramref name="imageHeight"/> image in the input: whole pixels, truncated as ML.NET truncates them.</summary>
    public static (int X, int Y, int Width, int Height) Rectangle(int imageWidth, int imageHeight, int width, int height, ResizePolicy policy)
    {
        if (policy == ResizePolicy.Stretch)
        {
            return (0, 0, width, height);
        }

        var widthAspect = (float)width / imageWidth;
        var heightAspect = (float)height / imageHeight;
        int x = 0, y = 0;
        float aspect;
        if (policy == ResizePolicy.Letterbox)
        {
            if (heightAspect < widthAspect)
            {
                aspect = heightAspect;
                x = (int)((width - (imageWidth * aspect)) / 2);
            }
            else
            {
                aspect = widthAspect;
                y = (int)((height - (imageHeight * aspect)) / 2);
            }
        }
        else if (heightAspect < widthAspect)
        {
            aspect = widthAspect;
            y = policy switch
            {
                ResizePolicy.CropTop => 0,
                ResizePolicy.CropBottom => (int)(height - (imageHeight * aspect)),
                _ => (int)((height - (imageHeight * aspect)) / 2),
            };
        }
        else
        {
            aspect = heightAspect;
            x = policy switch
            {
                ResizePolicy.CropLeft => 0,
                ResizePolicy.CropRight => (int)(width - (imageWidth * aspect)),
                _ => (int)((width - (imageWidth * aspect)) / 2),
            };
        }

        return (x, y, (int)(imageWidth * aspect), (int)(imageHeight * aspect));
    }

    /// <summary>ResizeImages: Fill samples the nearest pixel; IsoPad and IsoCrop draw with Mitchell's cubic onto black.</summary>
    public static RgbImage Resize(RgbImage image, int width, int height, ResizePolicy policy)
    {
        using var source = ToBgra(image);
        if (policy == ResizePolicy.Stretch)
        {
            using var resized = source.Resize(new SKSizeI(width, height), new SKSamplingOptions(SKFilterMode.Nearest))
                ?? throw new InvalidImageException($"SkiaSharp could not resize a {image.Width}x{image.Height} image to {width}x{height}.");
            return FromBgra(resized);
        }

        var (x, y, w, h) = Rectangle(image.Width, image.Height, width, height, policy);
        using var target = new SKBitmap(width, height, isOpaque: true);
        target.Erase(SKColors.Empty);
        using (var canvas = new SKCanvas(target))
        using (var skImage = SKImage.FromBitmap(source))
        {
            canvas.DrawImage(skImage, new SKRect(0, 0, image.Width, image.Height), new SKRect(x, y, x + w, y + h), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        return FromBgra(target);
    }

    /// <summary>ConvertToGrayscale: Skia's colour matrix (0.3, 0.59, 0.11), R = G = B.</summary>
    public static RgbImage Grayscale(RgbImage image)
    {
        using var source = ToBgra(image);
        using var target = new SKBitmap(image.Width, image.Height, isOpaque: true);
        using (var filter = SKColorFilter.CreateColorMatrix(GrayMatrix))
        using (var paint = new SKPaint { ColorFilter = filter })
        using (var canvas = new SKCanvas(target))
        {
            // The call ML.NET makes (obsolete in SkiaSharp 4, and what ML.NET's pixels come from).
#pragma warning disable CS0618
            canvas.DrawBitmap(source, 0f, 0f, paint);
#pragma warning restore CS0618
        }

        return FromBgra(target);
    }

    /// <summary>The grey level ConvertToGrayscale gives one colour.</summary>
    public static byte Gray(Rgb colour) => Grayscale(RgbImage.Filled(1, 1, colour)).Pixels[0];

    /// <summary>The image's pixels as a decoded opaque PNG reaches ML.NET: BGRA, 8 bits a channel, row by row.</summary>
    public static byte[] Bgra(RgbImage image)
    {
        var bgra = new byte[image.Width * image.Height * 4];
        var rgb = image.Pixels;
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            bgra[j] = rgb[i + 2];
            bgra[j + 1] = rgb[i + 1];
            bgra[j + 2] = rgb[i];
            bgra[j + 3] = 255;
        }

        return bgra;
    }

    private static SKBitmap ToBgra(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        var bgra = Bgra(image);
        Marshal.Copy(bgra, 0, bitmap.GetPixels(), bgra.Length);
        return bitmap;
    }

    /// <summary>The colour bytes as ML.NET's ExtractPixels reads them (alpha ignored).</summary>
    private static RgbImage FromBgra(SKBitmap bitmap)
    {
        using var converted = bitmap.ColorType == SKColorType.Bgra8888 ? null : bitmap.Copy(SKColorType.Bgra8888);
        var source = converted ?? bitmap;
        var bgra = new byte[source.Width * source.Height * 4];
        Marshal.Copy(source.GetPixels(), bgra, 0, bgra.Length);
        var rgb = new byte[source.Width * source.Height * 3];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgb[i] = bgra[j + 2];
            rgb[i + 1] = bgra[j + 1];
            rgb[i + 2] = bgra[j];
        }

        return RgbImage.Wrap(source.Width, source.Height, rgb);
    }
}
