using System.Buffers.Binary;
using System.Text;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.TestSupport;

/// <summary>Tiny image files whose headers declare a size their data does not have, as an attacker or a broken tool would write.</summary>
internal static class CraftedImages
{
    /// <summary>A PNG of a few dozen bytes: signature, an IHDR declaring <paramref name="width"/>×<paramref name="height"/> RGB, an empty IDAT and IEND.</summary>
    public static byte[] Png(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB; compression, filter and interlace stay 0
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", []);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A real 16×16 baseline JPEG whose SOF0 frame header is patched to declare <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static byte[] Jpeg(ushort width, ushort height)
    {
        using var bitmap = ImageCodec.ToBitmap(RgbImage.Filled(16, 16, new Rgb(200, 40, 90)));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        for (var i = 2; i + 9 < jpeg.Length; i++)
        {
            // SOF0: FF C0, length (2), precision (1), height (2), width (2).
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("The encoder wrote no SOF0 (baseline) frame header.");
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    /// <summary>The CRC-32 that PNG chunks carry (ISO 3309, reflected, polynomial 0xEDB88320).</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
