using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Gradients;

/// <summary>
/// Gradient maps of a class logit with respect to the input pixels: the plain gradient (Simonyan et al.), the
/// deconvnet (Zeiler and Fergus) or guided backpropagation (Springenberg et al.). Each pixel's value is the largest
/// |gradient| over its channels. Batched: many images go through one backward graph together.
/// </summary>
public sealed class Saliency(AuditModel model)
{
    public AttributionMap Compute(RgbImage image, SaliencyOptions? options = null) => Compute([image], options)[0];

    public IReadOnlyList<AttributionMap> Compute(IReadOnlyList<RgbImage> images, SaliencyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        var o = options ?? new SaliencyOptions();
        o.Validate();
        var runner = GradientRunner.For(model);
        var tensors = runner.Tensors(images);
        var targets = runner.Targets(tensors, images.Count, o.TargetClass);
        var engine = runner.Engine(null, o.Method.Rule());
        var result = engine.Run(tensors, GradientTargets.OneHot(targets, model.ClassCount), images.Count);
        var name = o.Method switch { SaliencyMethod.Deconvnet => "deconvnet", SaliencyMethod.GuidedBackprop => "guided-backprop", _ => "saliency" };
        return images.Select((image, i) => new AttributionMap(name, runner.AtInputSize(image), targets[i], result.Target[(i * model.ClassCount) + targets[i]],
            runner.Width, runner.Height, runner.AbsMaxOverChannels(result.Gradient.AsSpan(i * engine.InputLength, engine.InputLength)))).ToArray();
    }
}
