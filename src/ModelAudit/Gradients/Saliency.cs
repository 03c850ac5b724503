using ModelAudit.Datasets;
using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Gradients;

/// <summary>
/// Gradient maps of a target (by default the top-1 class's logit) with respect to the input pixels: the plain gradient
/// (Simonyan et al.), the deconvnet (Zeiler and Fergus) or guided backpropagation (Springenberg et al.). Each pixel's
/// value is the largest |gradient| over its channels. Batched: many images go through one backward graph together.
/// </summary>
public sealed class Saliency(AuditModel model)
{
    public AttributionMap Compute(RgbImage image, SaliencyOptions? options = null) => Compute([image], options)[0];

    public IReadOnlyList<AttributionMap> Compute(IReadOnlyList<RgbImage> images, SaliencyOptions? options = null) =>
        Compute(images, images.Select(TargetImage.Of).ToArray(), options);

    /// <summary>As for plain images; the target may use each image's label, box, mask or text.</summary>
    public IReadOnlyList<AttributionMap> Compute(IReadOnlyList<LabeledImage> images, SaliencyOptions? options = null) =>
        Compute(images.Select(i => i.Image).ToArray(), images.Select(TargetImage.Of).ToArray(), options);

    private AttributionMap[] Compute(IReadOnlyList<RgbImage> images, TargetImage[] about, SaliencyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(images);
        var o = options ?? new SaliencyOptions();
        o.Validate();
        var runner = GradientRunner.For(model);
        var tensors = runner.Tensors(images);
        var (bound, readings) = runner.Read(o.Target, tensors, about);
        var engine = runner.Engine(bound.Tensor, null, o.Method.Rule());
        var result = engine.Run(tensors, runner.Seeds(bound, readings, tensors), images.Count);
        var name = o.Method switch { SaliencyMethod.Deconvnet => "deconvnet", SaliencyMethod.GuidedBackprop => "guided-backprop", _ => "saliency" };
        return images.Select((image, i) => new AttributionMap(name, runner.AtInputSize(image), readings[i], GradientRunner.Score(readings[i], result, bound, i),
            runner.Width, runner.Height, runner.AbsMaxOverChannels(result.Gradient.AsSpan(i * engine.InputLength, engine.InputLength)))).ToArray();
    }
}
