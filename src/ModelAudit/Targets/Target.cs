using ModelAudit.Models;

namespace ModelAudit.Targets;

/// <summary>
/// What an audit measures on a model's outputs: one number per image. Occlusion watches it drop, gradient methods
/// explain it. Built in: <see cref="ClassTarget"/> (classifiers), <see cref="DenseTarget"/> (segmentation, text
/// detection and other maps), <see cref="SequenceTarget"/> (CTC recognisers) and <see cref="CustomTarget"/>.
/// </summary>
/// <remarks>
/// A target reads one output, the model's first unless <see cref="Output"/> names another. What it needs to know about
/// each image — its label, box, mask or text — comes from the <see cref="TargetImage"/> the audit passes along.
/// </remarks>
public abstract record Target
{
    private protected Target()
    {
    }

    /// <summary>The output read, by name; null for the model's first output.</summary>
    public string? Output { get; init; }

    /// <summary>Each image's top-1 class.</summary>
    public static ClassTarget Predicted { get; } = new();

    /// <summary>Each image's labelled class.</summary>
    public static ClassTarget Label { get; } = new() { FromLabel = true };

    /// <summary>One class for every image; null for each image's top-1 class.</summary>
    public static ClassTarget Class(int? index) => new() { Index = index };

    /// <summary>One class for every image: <c>Target = 3</c>.</summary>
    public static implicit operator Target(int classIndex) => Class(classIndex);

    /// <summary>How reports name the target, e.g. "class logit" or "mean of channel 0 inside the box".</summary>
    public abstract string Describe();

    /// <summary>Checks the target against <paramref name="model"/> and binds it to the tensor it reads.</summary>
    internal abstract BoundTarget Bind(AuditModel model);

    /// <summary>The output this target reads on <paramref name="model"/>, checked to exist.</summary>
    private protected TensorInfo OutputOf(AuditModel model) =>
        Output is null ? model.Output
        : model.Graph.Outputs.FirstOrDefault(o => o.Name == Output)
          ?? throw new InvalidModelException($"'{model.Source}' has no output named '{Output}'. Its outputs: {string.Join(", ", model.Graph.Outputs.Select(o => $"'{o.Name}'"))}.");

    /// <summary>The input of a final Softmax or LogSoftmax that produces <paramref name="output"/>, else the output itself.</summary>
    private protected static string LogitsOf(AuditModel model, TensorInfo output) => model.Graph.LogitsOf(output.Name);
}
