using ModelAudit.Gradients.Backward;
using ModelAudit.Models;

namespace ModelAudit.Visualisation;

/// <summary>
/// Class model visualisation (Simonyan et al.) and channel visualisation (Yosinski et al.): gradient ascent on the
/// input from seeded noise around grey, for a class logit or the mean activation of one channel of a layer, with L2
/// decay, jitter, periodic blur and clipping to the pixel range. The same options and seed give the same image.
/// </summary>
public sealed class ActivationMaximisation(AuditModel model) : IDisposable
{
    private readonly GradientRunner _runner = new(model);

    /// <summary>The image that maximises the logit of <paramref name="targetClass"/> (before any softmax).</summary>
    public FeatureVisualisation MaximiseClass(int targetClass, ActivationMaximisationOptions? options = null)
    {
        var seed = GradientTargets.OneHot([targetClass], model.ClassCount);
        return Maximise(_runner.Engine(null, null, ReluRule.Gradient), seed, $"class {targetClass} logit", options);
    }

    /// <summary>The image that maximises the mean of channel <paramref name="channel"/> of <paramref name="layer"/> (tensor or conv node name).</summary>
    public FeatureVisualisation MaximiseChannel(string layer, int channel, ActivationMaximisationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(layer);
        var tensor = _runner.Tensor(layer);
        var engine = _runner.Engine(tensor, null, ReluRule.Gradient);
        var channels = engine.TargetShape.Length == 0 ? 1 : engine.TargetShape[0];
        if (channel < 0 || channel >= channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"Channel must be between 0 and {channels - 1} for '{tensor}' of '{model.Name}'.");
        }

        // Seeding 1/plane over the channel makes the objective the channel's mean.
        var plane = engine.TargetLength / channels;
        var seed = new float[engine.TargetLength];
        seed.AsSpan(channel * plane, plane).Fill(1f / plane);
        return Maximise(engine, seed, $"{tensor}[{channel}] mean", options);
    }

    public void Dispose() => _runner.Dispose();

    private FeatureVisualisation Maximise(GradientEngine engine, float[] seed, string objective, ActivationMaximisationOptions? options)
    {
        var o = options ?? new ActivationMaximisationOptions();
        var settings = o.Validate();
        var random = new Random(o.Seed);
        var x = GradientAscent.NoisyGrey(model.Spec, o.InitialNoise, random);
        var values = GradientAscent.Run(engine, model.Spec, x, seed, squared: false, settings, random);
        return new FeatureVisualisation(objective, InputTensor.ToImage(model.Spec, x), values);
    }
}
