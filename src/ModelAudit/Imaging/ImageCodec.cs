using SkiaSharp;

namespace ModelAudit.Imaging;

/// <summary>Decodes PNG/JPEG into <see cref="RgbImage"/> and encodes PNG deterministically.</summary>
public static class ImageCodec
{
    /// <summary>Reads a PNG or JPEG file.</summary>
    public static RgbImage Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidImageException($"Image file '{path}' does not exist.");
        }

        return Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>Decodes PNG or JPEG bytes; <paramref name="source"/> names them in error messages.</summary>
    public static RgbImage Decode(byte[] encoded, string source = "image bytes")
    {
        if (encoded.Length == 0)
        {
            throw new InvalidImageException($"'{source}' is empty (0 bytes); expected a PNG or JPEG image.");
        }

        using var stream = new SKMemoryStream(encoded);
        using var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
        {
            throw new InvalidImageException($"'{source}' is not a readable PNG or JPEG image ({result}). Check that the file is a complete image.");
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new InvalidImageException($"'{source}' has a zero size ({info.Width}x{info.Height}).");
        }

        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(target);
        var status = codec.GetPixels(target, bitmap.GetPixels());
        if (status != SKCodecResult.Success)
        {
            throw new InvalidImageException(
                $"'{source}' could not be decoded completely ({status}); the file is probably truncated or corrupt.");
        }

        return FromBitmap(bitmap);
    }

    /// <summary>Encodes as PNG. The same pixels always give the same bytes: no metadata, no timestamps.</summary>
    public static byte[] EncodePng(RgbImage image)
    {
        using var bitmap = ToBitmap(image);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6))
            ?? throw new InvalidImageException($"SkiaSharp could not encode a {image.Width}x{image.Height} image as PNG.");
        return data.ToArray();
    }

    /// <summary>Writes a PNG atomically (temporary file, then rename), creating the folder if needed.</summary>
    public static void SavePng(RgbImage image, string path) => AtomicFile.Write(path, EncodePng(image));

    internal static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = new byte[image.Width * image.Height * 4];
        var rgb = image.Pixels;
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }

    /// <summary>Reads an RGBA8888 bitmap, compositing any transparency over white.</summary>
    internal static RgbImage FromBitmap(SKBitmap bitmap)
    {
        using var converted = bitmap.ColorType == SKColorType.Rgba8888 && bitmap.AlphaType != SKAlphaType.Premul
            ? null
            : bitmap.Copy(SKColorType.Rgba8888);
        var source = converted ?? bitmap;
        var rgba = new byte[source.Width * source.Height * 4];
        System.Runtime.InteropServices.Marshal.Copy(source.GetPixels(), rgba, 0, rgba.Length);
        var rgb = new byte[source.Width * source.Height * 3];
        for (int i = 0, j = 0; j < rgba.Length; i += 3, j += 4)
        {
            var a = rgba[j + 3];
            for (var c = 0; c < 3; c++)
            {
                rgb[i + c] = a == 255 ? rgba[j + c] : (byte)(((rgba[j + c] * a) + (255 * (255 - a)) + 127) / 255);
            }
        }

        return RgbImage.Wrap(source.Width, source.Height, rgb);
    }
}
