namespace ModelAudit.Gradients;

/// <summary>Options for <see cref="Saliency"/>.</summary>
public sealed record SaliencyOptions
{
    /// <summary>How gradients cross ReLUs. Default <see cref="SaliencyMethod.Plain"/> (the true gradient).</summary>
    public SaliencyMethod Method { get; init; } = SaliencyMethod.Plain;

    /// <summary>The class whose logit is explained. Default null: each image's top-1 class.</summary>
    public int? TargetClass { get; init; }

    internal void Validate() => SaliencyMethodRules.Check(Method, nameof(Method));
}
