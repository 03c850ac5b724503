using ModelAudit.Gradients.Backward;
using ModelAudit.Models;

namespace ModelAudit.Visualisation;

/// <summary>
/// Class model visualisation (Simonyan et al.) and channel visualisation (Yosinski et al.): gradient ascent on the
/// input from seeded noise around grey, for a class logit or the mean activation of one channel of a layer, with L2
/// decay, jitter, periodic blur and clipping to the pixel range. The same options and seed give the same image.
/// </summary>
public sealed class ActivationMaximisation(AuditModel model)
{
    /// <summary>The image that maximises <paramref name="target"/>, e.g. <c>FeatureTarget.Class(3)</c> or <c>FeatureTarget.Channel("relu2", 5)</c>.</summary>
    public FeatureVisualisation Compute(FeatureTarget target, ActivationMaximisationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var o = options ?? new ActivationMaximisationOptions();
        var settings = o.Validate();
        var runner = GradientRunner.For(model);
        var (engine, seed, objective) = target.Layer is { } layer
            ? Channel(runner, layer, target.ChannelIndex!.Value)
            : (runner.Engine(null, null, ReluRule.Gradient), GradientTargets.OneHot([target.ClassIndex!.Value], model.ClassCount), $"class {target.ClassIndex} logit");
        var random = new Random(o.Seed);
        var x = GradientAscent.NoisyGrey(model.Spec, o.InitialNoise, random);
        var values = GradientAscent.Run(engine, model.Spec, x, seed, squared: false, settings, random);
        return new FeatureVisualisation(objective, InputTensor.ToImage(model.Spec, x), values);
    }

    private (GradientEngine Engine, float[] Seed, string Objective) Channel(GradientRunner runner, string layer, int channel)
    {
        var tensor = runner.Tensor(layer);
        var engine = runner.Engine(tensor, null, ReluRule.Gradient);
        var channels = engine.TargetShape.Length == 0 ? 1 : engine.TargetShape[0];
        if (channel < 0 || channel >= channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"Channel must be between 0 and {channels - 1} for '{tensor}' of '{model.Name}'.");
        }

        // Seeding 1/plane over the channel makes the objective the channel's mean.
        var plane = engine.TargetLength / channels;
        var seed = new float[engine.TargetLength];
        seed.AsSpan(channel * plane, plane).Fill(1f / plane);
        return (engine, seed, $"{tensor}[{channel}] mean");
    }
}
