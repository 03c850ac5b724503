using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Visualisation;

namespace ModelAudit.Texture;

/// <summary>
/// Gradient descent on the input from seeded noise until chosen layers' activations match a reference image's by a
/// loss the caller defines on each layer (a Gram-matrix loss for style, a direct one for content). Each step runs each
/// layer forward to read the activation, computes the loss and its gradient with respect to that activation in C#,
/// and runs the layer's backward graph with that gradient as the seed: no loss operator is added to the model.
/// </summary>
internal static class FeatureInversion
{
    /// <summary>Per layer: the loss of an activation and its gradient, written into the second argument.</summary>
    public delegate double LayerLoss(int layer, ReadOnlySpan<float> activation, Span<float> gradient);

    public static FeatureVisualisation Run(AuditModel model, RgbImage reference, ReconstructionOptions options, string objective, Func<float[][], LayerLoss> lossFor)
    {
        options.Validate();
        var spec = model.Spec;
        var runner = GradientRunner.For(model);
        var engines = options.Layers.Select(l => runner.Engine(runner.Tensor(l), null, ReluRule.Gradient)).ToArray();
        var start = spec.Place(reference);
        var references = engines.Select(e => e.Run(spec.ToTensor(start), new float[e.TargetLength], 1).Target).ToArray();
        var loss = lossFor(references);
        var random = new Random(options.Seed);
        var x = GradientAscent.NoisyGrey(spec, 0.1, random);
        var range = Enumerable.Range(0, spec.ChannelCount).Select(c => spec.ValueRange(c).Max - spec.ValueRange(c).Min).ToArray();
        var plane = spec.Width * spec.Height;
        var losses = new double[options.Steps + 1];
        for (var step = 0; step <= options.Steps; step++)
        {
            var gradient = new float[x.Length];
            double total = 0;
            for (var l = 0; l < engines.Length; l++)
            {
                var activation = engines[l].Run(x, new float[engines[l].TargetLength], 1).Target;
                var seed = new float[activation.Length];
                total += loss(l, activation, seed);
                if (step < options.Steps)
                {
                    var g = engines[l].Run(x, seed, 1).Gradient;
                    for (var i = 0; i < g.Length; i++)
                    {
                        gradient[i] += g[i];
                    }
                }
            }

            losses[step] = total;
            if (step == options.Steps)
            {
                break;
            }

            var rms = InputTensor.Rms(gradient);
            if (rms == 0)
            {
                continue;
            }

            var rate = options.StepSize * 0.5 * (1 + Math.Cos(Math.PI * step / options.Steps));
            for (var c = 0; c < spec.ChannelCount; c++)
            {
                for (var p = c * plane; p < (c + 1) * plane; p++)
                {
                    x[p] -= (float)(rate * range[c] * gradient[p] / rms);
                }
            }

            InputTensor.Clip(x, spec);
        }

        return new FeatureVisualisation(objective, InputTensor.ToImage(spec, x), losses, start);
    }
}
