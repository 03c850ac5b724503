using ModelAudit.Gradients.Backward;
using ModelAudit.Models;

namespace ModelAudit.Visualisation;

/// <summary>
/// Gradient ascent on the input tensor for the objective Σ seed·target (or Σ seed·target²/2 on a squared engine):
/// each step shifts the image by a random jitter, takes the gradient there, shifts it back, normalises it to unit RMS
/// and steps; then decays towards the grey image, blurs now and then, and clips to what pixels can produce.
/// </summary>
internal static class GradientAscent
{
    /// <summary>Ascends from <paramref name="x"/> in place; returns the objective at the start and after every step.</summary>
    public static double[] Run(GradientEngine engine, InputSpec spec, float[] x, float[] seed, bool squared, AscentSettings s, Random random)
    {
        var (channels, height, width) = (spec.ChannelCount, spec.Height, spec.Width);
        var plane = height * width;
        var grey = spec.ValueOf(new Imaging.Rgb(128, 128, 128));
        var range = Enumerable.Range(0, channels).Select(c => spec.ValueRange(c).Max - spec.ValueRange(c).Min).ToArray();
        var seeds = new float[2 * seed.Length];
        seed.CopyTo(seeds, 0);
        var objectives = new double[s.Steps + 1];
        for (var step = 0; step <= s.Steps; step++)
        {
            // The jittered image is ascended; the unshifted one (zero seed, so no gradient) measures progress.
            var (dx, dy) = s.Jitter > 0 ? (random.Next(-s.Jitter, s.Jitter + 1), random.Next(-s.Jitter, s.Jitter + 1)) : (0, 0);
            var shifted = InputTensor.Roll(x, channels, height, width, dx, dy);
            var result = engine.Run([.. shifted, .. x], seeds, 2);
            objectives[step] = Objective(result.Target.AsSpan(seed.Length, seed.Length), seed, squared);
            if (step == s.Steps)
            {
                break;
            }

            var gradient = InputTensor.Roll(result.Gradient.AsSpan(0, x.Length), channels, height, width, -dx, -dy);
            InputTensor.Blur(gradient, channels, height, width, s.GradientSigma);
            var rms = InputTensor.Rms(gradient);
            if (rms == 0)
            {
                continue;
            }

            for (var c = 0; c < channels; c++)
            {
                var rate = s.StepSize * range[c] / rms;
                for (var p = c * plane; p < (c + 1) * plane; p++)
                {
                    x[p] += (float)(rate * gradient[p]);
                    x[p] = grey[c] + (float)((1 - s.L2Decay) * (x[p] - grey[c]));
                }
            }

            if (s.BlurEvery > 0 && (step + 1) % s.BlurEvery == 0)
            {
                InputTensor.Blur(x, channels, height, width, s.BlurSigma);
            }

            InputTensor.Clip(x, spec);
        }

        return objectives;
    }

    /// <summary>A starting tensor: the grey image plus seeded Gaussian noise of <paramref name="noise"/> × the value range.</summary>
    public static float[] NoisyGrey(InputSpec spec, double noise, Random random)
    {
        var plane = spec.Width * spec.Height;
        var grey = spec.ValueOf(new Imaging.Rgb(128, 128, 128));
        var x = new float[spec.TensorLength];
        for (var c = 0; c < spec.ChannelCount; c++)
        {
            var (min, max) = spec.ValueRange(c);
            for (var p = 0; p < plane; p++)
            {
                x[(c * plane) + p] = grey[c] + (float)(noise * (max - min) * Gaussian(random));
            }
        }

        InputTensor.Clip(x, spec);
        return x;
    }

    private static double Objective(ReadOnlySpan<float> target, float[] seed, bool squared)
    {
        var sum = 0.0;
        for (var i = 0; i < target.Length; i++)
        {
            sum += seed[i] * (squared ? 0.5 * target[i] * target[i] : target[i]);
        }

        return sum;
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        var u = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
