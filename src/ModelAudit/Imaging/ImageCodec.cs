using System.Runtime.InteropServices;
using SkiaSharp;

namespace ModelAudit.Imaging;

/// <summary>Decodes PNG/JPEG into <see cref="RgbImage"/> and encodes PNG deterministically.</summary>
public static class ImageCodec
{
    /// <summary>
    /// Reads a PNG or JPEG file. Its declared size is checked against <paramref name="limits"/> (default
    /// <see cref="ImageLimits.Global"/>) before any pixel memory is allocated.
    /// </summary>
    public static RgbImage Load(string path, ImageLimits? limits = null)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new InvalidImageException($"Image file '{path}' does not exist.");
        }

        if (file.Length == 0)
        {
            throw new InvalidImageException($"'{path}' is empty (0 bytes); expected a PNG or JPEG image.");
        }

        // Streamed rather than read whole, so a huge file costs no memory before its header is checked.
        using var stream = new SKFileStream(path);
        if (!stream.IsValid)
        {
            throw new InvalidImageException($"Image file '{path}' cannot be opened for reading; check that it is a readable file.");
        }

        return Decode(stream, path, limits ?? ImageLimits.Global);
    }

    /// <summary>
    /// Decodes PNG or JPEG bytes; <paramref name="source"/> names them in error messages. The declared size is checked
    /// against <paramref name="limits"/> (default <see cref="ImageLimits.Global"/>) before any pixel memory is allocated.
    /// </summary>
    public static RgbImage Decode(byte[] encoded, string source = "image bytes", ImageLimits? limits = null)
    {
        if (encoded.Length == 0)
        {
            throw new InvalidImageException($"'{source}' is empty (0 bytes); expected a PNG or JPEG image.");
        }

        using var stream = new SKMemoryStream(encoded);
        return Decode(stream, source, limits ?? ImageLimits.Global);
    }

    private static RgbImage Decode(SKStream stream, string source, ImageLimits limits)
    {
        limits.Validate();
        using var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
        {
            throw new InvalidImageException($"'{source}' is not a readable PNG or JPEG image ({result}). Check that the file is a complete image.");
        }

        var info = codec.Info;
        limits.Check(info.Width, info.Height, source);

        // Decoded straight into a managed buffer: no second native copy, and the pixel memory is visible to the GC.
        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[(long)info.Width * info.Height * 4];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        SKCodecResult status;
        try
        {
            status = codec.GetPixels(target, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }

        if (status != SKCodecResult.Success)
        {
            throw new InvalidImageException(
                $"'{source}' could not be decoded completely ({status}); the file is probably truncated or corrupt.");
        }

        return FromRgba(info.Width, info.Height, rgba);
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

        Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
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
        Marshal.Copy(source.GetPixels(), rgba, 0, rgba.Length);
        return FromRgba(source.Width, source.Height, rgba);
    }

    /// <summary>Unpremultiplied RGBA to RGB, compositing any transparency over white.</summary>
    private static RgbImage FromRgba(int width, int height, byte[] rgba)
    {
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; j < rgba.Length; i += 3, j += 4)
        {
            var a = rgba[j + 3];
            for (var c = 0; c < 3; c++)
            {
                rgb[i + c] = a == 255 ? rgba[j + c] : (byte)(((rgba[j + c] * a) + (255 * (255 - a)) + 127) / 255);
            }
        }

        return RgbImage.Wrap(width, height, rgb);
    }
}
