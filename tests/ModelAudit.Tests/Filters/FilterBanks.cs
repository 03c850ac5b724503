using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Filters;

/// <summary>Filter banks and one-conv models for the noise tests: trained-looking filters built on paper, and the torchvision stems.</summary>
internal static class FilterBanks
{
    private static readonly InputSpec ImageNet32 = InputSpec.FromMeanStd(32, 32, ChannelOrder.Rgb, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>The first conv of a randomly initialised torchvision model (fixtures/models/stems).</summary>
    public static AuditModel Stem(string name) => AuditModel.Load(Repo.Path("fixtures", "models", "stems", $"{name}-stem.onnx"), ImageNet32);

    /// <summary>
    /// <paramref name="count"/> Gabor filters on 3 colour channels, like a trained first layer: random orientation, wavelength
    /// and phase; seven in ten read luminance (the same plane in R, G, B, ±10%), the rest a random colour-opponent direction.
    /// </summary>
    public static float[] Gabor(int count, int size, int seed)
    {
        var random = new Random(seed);
        var r = (size - 1) / 2.0;
        var weights = new float[count * 3 * size * size];
        for (var f = 0; f < count; f++)
        {
            var theta = random.NextDouble() * Math.PI;
            var wavelength = size * (0.5 + (random.NextDouble() * 0.7));
            var sigma = size * (0.2 + (random.NextDouble() * 0.15));
            var phase = random.NextDouble() * 2 * Math.PI;
            var luminance = random.NextDouble() < 0.7;
            var colour = Enumerable.Range(0, 3).Select(_ => luminance ? 1 + (0.2 * (random.NextDouble() - 0.5)) : (random.NextDouble() * 2) - 1).ToArray();
            for (var c = 0; c < 3; c++)
            {
                for (var y = 0; y < size; y++)
                {
                    for (var x = 0; x < size; x++)
                    {
                        var (dy, dx) = (y - r, x - r);
                        var along = (dx * Math.Cos(theta)) + (dy * Math.Sin(theta));
                        var envelope = Math.Exp(-((dx * dx) + (dy * dy)) / (2 * sigma * sigma));
                        weights[(((f * 3) + c) * size * size) + (y * size) + x] = (float)(colour[c] * envelope * Math.Cos((2 * Math.PI * along / wavelength) + phase));
                    }
                }
            }
        }

        return weights;
    }

    /// <summary>Adds i.i.d. Gaussian noise of <paramref name="sigmas"/> times the filter's own weight standard deviation to filter <paramref name="index"/>.</summary>
    public static float[] WithNoise(float[] weights, int filterSize, int index, double sigmas, int seed)
    {
        var noisy = (float[])weights.Clone();
        var filter = noisy.AsSpan(index * filterSize, filterSize);
        var mean = 0.0;
        foreach (var w in filter)
        {
            mean += w / (double)filterSize;
        }

        var variance = 0.0;
        foreach (var w in filter)
        {
            variance += (w - mean) * (w - mean) / filterSize;
        }

        var random = new Random(seed);
        var std = Math.Sqrt(variance);
        for (var i = 0; i < filter.Length; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            filter[i] += (float)(sigmas * std * gaussian);
        }

        return noisy;
    }

    /// <summary>A model whose only conv holds <paramref name="weights"/> [count, 3, k, k], then global average pool and flatten.</summary>
    public static AuditModel Conv(float[] weights, int count, int size)
    {
        var bytes = new TinyOnnx()
            .Input("x", -1, 3, 16, 16)
            .Weight("w", weights, count, 3, size, size)
            .Node("Conv", ["x", "w"], ["conv"], TinyOnnx.Ints("pads", size / 2, size / 2, size / 2, size / 2))
            .Node("GlobalAveragePool", ["conv"], ["gap"])
            .Node("Flatten", ["gap"], ["logits"], TinyOnnx.Int("axis", 1))
            .Output("logits", -1, count)
            .Build();
        return AuditModel.Load(bytes, $"bank-{count}x3x{size}x{size}.onnx", InputSpec.FromScaleOffset(16, 16, ChannelOrder.Rgb, [1f / 255], [0]));
    }
}
