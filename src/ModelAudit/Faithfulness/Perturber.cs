using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Faithfulness;

/// <summary>
/// Writes perturbed copies of one image's input tensor: the pixels marked removed show the fill (<see cref="PerturbationFill"/>),
/// all their channels alike; the rest keep the image. Thread-safe: each call brings its own noise seed.
/// </summary>
internal sealed class Perturber
{
    /// <summary>σ of the noisy linear fill's noise, as a share of the 0..255 pixel range.</summary>
    public const double NoiseLevel = 0.01;

    private readonly InputSpec _spec;
    private readonly PerturbationFill _fill;
    private readonly float[] _clean;
    private readonly float[] _reference;
    private readonly double[] _means;

    public Perturber(InputSpec spec, RgbImage image, PerturbationFill fill)
    {
        (_spec, _fill) = (spec, fill);
        var placed = spec.Place(image);
        _clean = spec.ToTensor(placed);
        _means = Enumerable.Range(0, spec.ChannelCount).Select(Mean).ToArray();
        _reference = fill switch
        {
            PerturbationFill.Blur => spec.ToTensor(ImageOps.GaussianBlur(placed, BlurSigma(spec))),
            PerturbationFill.Mean => Constant(c => (float)_means[c]),
            PerturbationFill.Zero => Constant(c => ZeroOf(spec, c)),
            _ => [],
        };
    }

    public int Plane => _spec.Width * _spec.Height;

    /// <summary>The fill's tensor, C·H·W, for the constant fills and the blur (empty for the noisy linear fill, made per call).</summary>
    public ReadOnlySpan<float> Reference => _reference;

    /// <summary>The clean input tensor, C·H·W.</summary>
    public ReadOnlySpan<float> Clean => _clean;

    /// <summary>σ of <see cref="PerturbationFill.Blur"/>, in pixels: 2% of the shorter side, at least 1.</summary>
    public static double BlurSigma(InputSpec spec) => Math.Max(1, 0.02 * Math.Min(spec.Width, spec.Height));

    /// <summary>Writes the image with the pixels where <paramref name="removed"/> holds replaced by the fill.</summary>
    public void Write(ReadOnlySpan<bool> removed, Span<float> destination, int seed)
    {
        _clean.CopyTo(destination);
        var plane = Plane;
        if (_fill != PerturbationFill.NoisyLinear)
        {
            for (var c = 0; c < _spec.ChannelCount; c++)
            {
                for (var p = 0; p < plane; p++)
                {
                    if (removed[p])
                    {
                        destination[(c * plane) + p] = _reference[(c * plane) + p];
                    }
                }
            }

            return;
        }

        NoisyLinearFill.Impute(destination, _spec.ChannelCount, removed, _spec.Width, _spec.Height, _means);
        var random = new Random(seed);
        for (var c = 0; c < _spec.ChannelCount; c++)
        {
            var channel = destination.Slice(c * plane, plane);
            var sigma = NoiseLevel * 255 * Math.Abs(_spec.Scale[c]);
            var spare = double.NaN;
            for (var p = 0; p < plane; p++)
            {
                if (removed[p])
                {
                    // Box–Muller gives two independent normals per draw; the second waits for the next pixel.
                    double normal;
                    (normal, spare) = double.IsNaN(spare) ? Gaussians(random) : (spare, double.NaN);
                    channel[p] += (float)(sigma * normal);
                }
            }
        }
    }

    /// <summary>Per channel, the value of the pixel that normalises to 0 when it is a pixel value (0..255), else black's.</summary>
    private static float ZeroOf(InputSpec spec, int c)
    {
        var (scale, offset) = (spec.Scale[c], spec.Offset[c]);
        var pixel = scale == 0 ? double.NaN : -offset / (double)scale;
        return pixel is >= 0 and <= 255 ? 0 : offset;
    }

    private static (double, double) Gaussians(Random random)
    {
        var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        var angle = 2 * Math.PI * random.NextDouble();
        return (radius * Math.Cos(angle), radius * Math.Sin(angle));
    }

    private double Mean(int c)
    {
        double sum = 0;
        foreach (var v in _clean.AsSpan(c * Plane, Plane))
        {
            sum += v;
        }

        return sum / Plane;
    }

    private float[] Constant(Func<int, float> value)
    {
        var tensor = new float[_clean.Length];
        for (var c = 0; c < _spec.ChannelCount; c++)
        {
            tensor.AsSpan(c * Plane, Plane).Fill(value(c));
        }

        return tensor;
    }
}
