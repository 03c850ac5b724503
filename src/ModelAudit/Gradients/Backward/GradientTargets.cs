using ModelAudit.Models;

namespace ModelAudit.Gradients.Backward;

/// <summary>Where gradients start and end on an audited model.</summary>
internal static class GradientTargets
{
    /// <summary>
    /// The class logits: the input of a final Softmax when the graph has one (its saturation would flatten the
    /// gradients), otherwise the score output itself.
    /// </summary>
    public static string Logits(AuditModel model) =>
        model.OutputsProbabilities && model.Graph.ProducerOf(model.Output.Name) is { } softmax ? softmax.Inputs[0] : model.Output.Name;

    /// <summary>A backward engine from the logits to <paramref name="wrt"/> (the image input when null).</summary>
    public static GradientEngine Engine(AuditModel model, string? wrt, ReluRule rule) =>
        Engine(model.Graph, model.Input, model.Spec, model.Options, Logits(model), wrt, rule);

    public static GradientEngine Engine(ModelGraph graph, TensorInfo input, InputSpec spec, EngineOptions options, string target, string? wrt, ReluRule rule, BackwardFlags flags = BackwardFlags.None, RelevanceRules? relevance = null) =>
        GradientEngine.Create(graph, input.Name, [spec.ChannelCount, spec.Height, spec.Width], input.Shape[0].IsDynamic, target, wrt ?? input.Name, rule, options, flags, relevance: relevance);

    /// <summary>One-hot rows: <c>count × classes</c>, a 1 at each sample's class.</summary>
    public static float[] OneHot(IReadOnlyList<int> classes, int classCount)
    {
        var seeds = new float[classes.Count * classCount];
        for (var i = 0; i < classes.Count; i++)
        {
            if (classes[i] < 0 || classes[i] >= classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(classes), classes[i], $"Target class must be between 0 and {classCount - 1}.");
            }

            seeds[(i * classCount) + classes[i]] = 1f;
        }

        return seeds;
    }
}
