namespace ModelAudit.Gradients;

/// <summary>Options for <see cref="GradCam"/>.</summary>
public sealed record GradCamOptions
{
    /// <summary>
    /// The layer whose feature maps are weighted: a tensor name or a Conv node name. Default null: the output of the
    /// last convolution that still sees a spatial map (squeeze-excite convs on pooled vectors are skipped).
    /// </summary>
    public string? Layer { get; init; }

    /// <summary>The class whose logit is explained. Default null: each image's top-1 class.</summary>
    public int? TargetClass { get; init; }
}
