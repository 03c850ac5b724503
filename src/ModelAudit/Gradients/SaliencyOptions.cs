using ModelAudit.Targets;

namespace ModelAudit.Gradients;

/// <summary>Options for <see cref="Saliency"/>.</summary>
public sealed record SaliencyOptions
{
    /// <summary>How gradients cross ReLUs. Default <see cref="SaliencyMethod.Plain"/> (the true gradient).</summary>
    public SaliencyMethod Method { get; init; } = SaliencyMethod.Plain;

    /// <summary>What is explained: a class (<c>Target = 3</c>), a dense, sequence or custom target. Default null: each image's top-1 class.</summary>
    public Target? Target { get; init; }

    internal void Validate() => SaliencyMethodRules.Check(Method, nameof(Method));
}
