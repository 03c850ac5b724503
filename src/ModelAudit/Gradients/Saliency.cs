using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Gradients;

/// <summary>
/// Gradient maps of a class logit with respect to the input pixels: the plain gradient (Simonyan et al.), the
/// deconvnet (Zeiler and Fergus) or guided backpropagation (Springenberg et al.). Each pixel's value is the largest
/// |gradient| over its channels. Batched: many images go through one backward graph together.
/// </summary>
public sealed class Saliency(AuditModel model) : IDisposable
{
    private readonly GradientRunner _runner = new(model);

    public AttributionMap Compute(RgbImage image, SaliencyOptions? options = null) => Compute([image], options)[0];

    public IReadOnlyList<AttributionMap> Compute(IReadOnlyList<RgbImage> images, SaliencyOptions? options = null)
    {
        var o = options ?? new SaliencyOptions();
        var tensors = _runner.Tensors(images);
        var targets = _runner.Targets(tensors, images.Count, o.TargetClass);
        var engine = _runner.Engine(null, o.Method.Rule());
        var result = engine.Run(tensors, GradientTargets.OneHot(targets, model.ClassCount), images.Count);
        var name = o.Method switch { SaliencyMethod.Deconvnet => "deconvnet", SaliencyMethod.GuidedBackprop => "guided-backprop", _ => "saliency" };
        return images.Select((image, i) => new AttributionMap(name, _runner.AtInputSize(image), targets[i], result.Target[(i * model.ClassCount) + targets[i]],
            _runner.Width, _runner.Height, _runner.AbsMaxOverChannels(result.Gradient.AsSpan(i * engine.InputLength, engine.InputLength)))).ToArray();
    }

    /// <summary>Raw input gradients (C·H·W per image, back to back) for the given classes: for methods built on saliency.</summary>
    internal float[] Gradients(float[] tensors, int[] targets, SaliencyMethod method) =>
        _runner.Engine(null, method.Rule()).Run(tensors, GradientTargets.OneHot(targets, model.ClassCount), targets.Length).Gradient;

    public void Dispose() => _runner.Dispose();
}
