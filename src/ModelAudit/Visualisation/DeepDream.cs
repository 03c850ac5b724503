using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Visualisation;

/// <summary>
/// DeepDream (Mordvintsev et al.): gradient ascent from a given image on the mean squared activation of a layer,
/// which amplifies whatever the layer already sees. Jittered and seeded; optionally coarse to fine over octaves.
/// </summary>
public sealed class DeepDream(AuditModel model)
{
    /// <summary>Dreams on <see cref="DeepDreamOptions.Layer"/> starting from <paramref name="image"/>.</summary>
    public FeatureVisualisation Compute(RgbImage image, DeepDreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Validate();
        var runner = GradientRunner.For(model);
        var tensor = runner.Tensor(options.Layer);

        // A squared engine seeds the backward pass with seed ⊙ activation; seed 2/N makes the objective mean(A²).
        var engine = runner.Engine(tensor, null, ReluRule.Gradient, BackwardFlags.SquareTarget);
        var seed = Enumerable.Repeat(2f / engine.TargetLength, engine.TargetLength).ToArray();
        var start = runner.AtInputSize(image);
        var x = model.Spec.ToTensor(start);
        var random = new Random(options.Seed);
        var values = new List<double>();
        for (var octave = 0; octave < options.Octaves; octave++)
        {
            var sigma = Math.Pow(options.OctaveScale, options.Octaves - 1 - octave) - 1;
            var run = GradientAscent.Run(engine, model.Spec, x, seed, squared: true, settings with { GradientSigma = sigma }, random);
            values.AddRange(octave == 0 ? run : run.Skip(1));
        }

        return new FeatureVisualisation($"{tensor} mean square", InputTensor.ToImage(model.Spec, x), values, start);
    }
}
