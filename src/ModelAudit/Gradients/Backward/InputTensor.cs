using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Operations on one C·H·W input tensor in the model's value space, for methods that optimise the input:
/// back to pixels through the spec's inverse, circular shifts, per-channel blur and clipping to what pixels can produce.
/// </summary>
internal static class InputTensor
{
    /// <summary>
    /// The tensor as pixels: <c>pixel = (value − offset) / scale</c> per model channel, model channel order back to RGB,
    /// rounded and clamped to 0..255. A grey model's one channel fills R, G and B.
    /// </summary>
    public static RgbImage ToImage(InputSpec spec, ReadOnlySpan<float> chw)
    {
        var plane = spec.Width * spec.Height;
        var pixels = new byte[plane * 3];
        for (var c = 0; c < spec.ChannelCount; c++)
        {
            // Model channel c lands in RGB slot: the same for RGB, reversed for BGR, all three for grey.
            int[] slots = spec.Channels switch { ChannelOrder.Rgb => [c], ChannelOrder.Bgr => [2 - c], _ => [0, 1, 2] };
            for (var p = 0; p < plane; p++)
            {
                var pixel = (byte)Math.Clamp(Math.Round((chw[(c * plane) + p] - spec.Offset[c]) / spec.Scale[c]), 0, 255);
                foreach (var slot in slots)
                {
                    pixels[(p * 3) + slot] = pixel;
                }
            }
        }

        return RgbImage.FromPixels(spec.Width, spec.Height, pixels);
    }

    /// <summary>The tensor shifted circularly by (<paramref name="dx"/>, <paramref name="dy"/>) pixels in every channel.</summary>
    public static float[] Roll(ReadOnlySpan<float> chw, int channels, int height, int width, int dx, int dy)
    {
        var result = new float[chw.Length];
        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < height; y++)
            {
                var ty = (((y + dy) % height) + height) % height;
                for (var x = 0; x < width; x++)
                {
                    var tx = (((x + dx) % width) + width) % width;
                    result[(((c * height) + ty) * width) + tx] = chw[(((c * height) + y) * width) + x];
                }
            }
        }

        return result;
    }

    /// <summary>A separable Gaussian blur of each channel in place (edges clamped).</summary>
    public static void Blur(float[] chw, int channels, int height, int width, double sigma)
    {
        if (sigma <= 0)
        {
            return;
        }

        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = Enumerable.Range(-radius, (2 * radius) + 1).Select(i => Math.Exp(-(i * i) / (2 * sigma * sigma))).ToArray();
        var sum = kernel.Sum();
        var tmp = new float[width * height];
        for (var c = 0; c < channels; c++)
        {
            var plane = chw.AsSpan(c * width * height, width * height);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var acc = 0.0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        acc += kernel[k + radius] * plane[(y * width) + Math.Clamp(x + k, 0, width - 1)];
                    }

                    tmp[(y * width) + x] = (float)(acc / sum);
                }
            }

            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var acc = 0.0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        acc += kernel[k + radius] * tmp[(Math.Clamp(y + k, 0, height - 1) * width) + x];
                    }

                    plane[(y * width) + x] = (float)(acc / sum);
                }
            }
        }
    }

    /// <summary>Clamps every value to the range a 0..255 pixel produces in its channel.</summary>
    public static void Clip(float[] chw, InputSpec spec)
    {
        var plane = spec.Width * spec.Height;
        for (var c = 0; c < spec.ChannelCount; c++)
        {
            var (min, max) = spec.ValueRange(c);
            for (var p = 0; p < plane; p++)
            {
                chw[(c * plane) + p] = Math.Clamp(chw[(c * plane) + p], min, max);
            }
        }
    }

    /// <summary>Root mean square, for normalising gradient steps.</summary>
    public static double Rms(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum / Math.Max(1, values.Length));
    }
}
