using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Visualisation;

/// <summary>
/// DeepDream (Mordvintsev et al.): gradient ascent from a given image on the mean squared activation of a layer,
/// which amplifies whatever the layer already sees. Jittered and seeded; optionally coarse to fine over octaves.
/// </summary>
public sealed class DeepDream(AuditModel model) : IDisposable
{
    private readonly GradientRunner _runner = new(model);

    /// <summary>Dreams on <paramref name="layer"/> (tensor or conv node name) starting from <paramref name="image"/>.</summary>
    public FeatureVisualisation Compute(RgbImage image, string layer, DeepDreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(layer);
        var o = options ?? new DeepDreamOptions();
        var settings = o.Validate();
        var tensor = _runner.Tensor(layer);

        // A squared engine seeds the backward pass with seed ⊙ activation; seed 2/N makes the objective mean(A²).
        var engine = _runner.Engine(tensor, null, ReluRule.Gradient, BackwardFlags.SquareTarget);
        var seed = Enumerable.Repeat(2f / engine.TargetLength, engine.TargetLength).ToArray();
        var start = _runner.AtInputSize(image);
        var x = model.Spec.ToTensor(start);
        var random = new Random(o.Seed);
        var values = new List<double>();
        for (var octave = 0; octave < o.Octaves; octave++)
        {
            var sigma = Math.Pow(o.OctaveScale, o.Octaves - 1 - octave) - 1;
            var run = GradientAscent.Run(engine, model.Spec, x, seed, squared: true, settings with { GradientSigma = sigma }, random);
            values.AddRange(octave == 0 ? run : run.Skip(1));
        }

        return new FeatureVisualisation($"{tensor} mean square", InputTensor.ToImage(model.Spec, x), values, start);
    }

    public void Dispose() => _runner.Dispose();
}
