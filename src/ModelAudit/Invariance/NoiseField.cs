using ModelAudit.Imaging;

namespace ModelAudit.Invariance;

/// <summary>
/// Seeded unit Gaussian noise per image. Every noise level of a sweep scales the same field, so the curve shows the
/// effect of the level, not of a fresh draw at each level.
/// </summary>
internal static class NoiseField
{
    public static RgbImage Add(RgbImage image, double std, int seed, int imageIndex)
    {
        if (std <= 0)
        {
            return image;
        }

        var src = image.Pixels;
        var dst = new byte[src.Length];
        // System.Random with a seed is a fixed algorithm; the mixing keeps image fields apart for nearby seeds.
        var random = new Random(unchecked((seed * 1_000_003) + (imageIndex * 7919)));
        for (var i = 0; i < src.Length; i += 2)
        {
            // Box–Muller: two independent unit normals per pair of uniforms.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1));
            dst[i] = ImageOps.ToByte(src[i] + (std * r * Math.Cos(2 * Math.PI * u2)));
            if (i + 1 < src.Length)
            {
                dst[i + 1] = ImageOps.ToByte(src[i + 1] + (std * r * Math.Sin(2 * Math.PI * u2)));
            }
        }

        return RgbImage.Wrap(image.Width, image.Height, dst);
    }
}
