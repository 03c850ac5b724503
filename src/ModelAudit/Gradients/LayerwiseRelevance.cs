using ModelAudit.Datasets;
using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Gradients;

/// <summary>
/// Layer-wise relevance propagation (Bach et al. 2015): the target's score, handed back layer by layer by relevance
/// rules (<see cref="LrpComposite"/>) until it is spread over the input. Each pixel's value is its relevance summed
/// over channels (signed). The rules run as a backward ONNX graph, so any plain inference export works, QDQ-quantized
/// ones too (the rules read dequantized weights; activations' QDQ pairs pass relevance unchanged), and batch norms are
/// folded into their convolutions first. Relevance should be conserved: the sum over the input against the
/// score is reported in <see cref="AttributionMap.Diagnostics"/> as <c>conservation_error</c> (relative).
/// </summary>
public sealed class LayerwiseRelevance(AuditModel model)
{
    public AttributionMap Compute(RgbImage image, LrpOptions? options = null) => Compute([image], options)[0];

    public IReadOnlyList<AttributionMap> Compute(IReadOnlyList<RgbImage> images, LrpOptions? options = null) =>
        Compute(images, images.Select(TargetImage.Of).ToArray(), options);

    /// <summary>As for plain images; the target may use each image's label, box, mask or text.</summary>
    public IReadOnlyList<AttributionMap> Compute(IReadOnlyList<LabeledImage> images, LrpOptions? options = null) =>
        Compute(images.Select(i => i.Image).ToArray(), images.Select(TargetImage.Of).ToArray(), options);

    private AttributionMap[] Compute(IReadOnlyList<RgbImage> images, TargetImage[] about, LrpOptions? options)
    {
        ArgumentNullException.ThrowIfNull(images);
        var o = options ?? new LrpOptions();
        o.Validate();
        var runner = GradientRunner.For(model);
        var tensors = runner.Tensors(images);
        var (bound, readings) = runner.Read(o.Target, tensors, about);
        var spec = model.Spec;
        var rules = new RelevanceRules(o.Composite, (float)o.Epsilon, o.Input)
        {
            Low = Enumerable.Range(0, spec.ChannelCount).Select(c => spec.ValueRange(c).Min).ToArray(),
            High = Enumerable.Range(0, spec.ChannelCount).Select(c => spec.ValueRange(c).Max).ToArray(),
        };

        // Relevance starts as seed ⊙ target: for a class, its logit. A target read after a final Softmax or LogSoftmax
        // (a dense target on a segmenter that outputs probabilities) starts before it, as class targets do.
        var engine = runner.Engine(model.Graph.LogitsOf(bound.Tensor), null, ReluRule.Gradient, BackwardFlags.SquareTarget, rules);
        var result = engine.Run(tensors, runner.Seeds(bound, readings, tensors), images.Count);
        var n = engine.InputLength;
        return images.Select((image, i) =>
        {
            var map = new float[runner.Plane];
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                var r = result.Gradient[(i * n) + j];
                sum += r;
                map[j % runner.Plane] += r;
            }

            var score = GradientRunner.Score(readings[i], result, bound, i);
            var diagnostics = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["relevance_sum"] = sum,
                ["conservation_error"] = Math.Abs(sum - score) / Math.Max(Math.Abs(score), 1e-12),
                ["epsilon"] = o.Epsilon,
            };
            return new AttributionMap(o.MethodName, runner.AtInputSize(image), readings[i], score, runner.Width, runner.Height, map, diagnostics);
        }).ToArray();
    }
}
