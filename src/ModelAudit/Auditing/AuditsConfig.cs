namespace ModelAudit.Auditing;

/// <summary>Which audits to run. An audit left out is not run; a threshold left out is reported but not gated.</summary>
public sealed record AuditsConfig
{
    public OcclusionConfig? Occlusion { get; init; }

    public FiltersConfig? Filters { get; init; }

    public ActivationsConfig? Activations { get; init; }

    public InvarianceConfig? Invariance { get; init; }

    public EmbeddingsConfig? Embeddings { get; init; }

    public GradientsConfig? Gradients { get; init; }
}

public sealed record OcclusionConfig
{
    public int Window { get; init; } = 8;

    public int Stride { get; init; } = 4;

    /// <summary>How many images (with boxes) get a map; maps cost one forward pass per window position.</summary>
    public int MaxImages { get; init; } = 16;

    /// <summary>Pixels added around the object box when measuring mass inside it (windows smear evidence).</summary>
    public int BoxMargin { get; init; } = 2;

    /// <summary>Gate: mean share of positive drop mass inside the object box, 0..1.</summary>
    public double? MinMassInside { get; init; }

    /// <summary>Gate: share of images whose map peaks inside the object box, 0..1.</summary>
    public double? MinPointingGame { get; init; }

    /// <summary>
    /// Compute the maps by exact incremental inference (<see cref="Occlusion.OcclusionMode.Incremental"/>): the same
    /// maps up to float rounding, faster on deep models. Default false.
    /// </summary>
    public bool Incremental { get; init; }
}

public sealed record FiltersConfig
{
    /// <summary>The conv node or output to audit; default the first conv.</summary>
    public string? Layer { get; init; }

    public int? MaxDeadFilters { get; init; }

    public int? MaxNoisyFilters { get; init; }
}

public sealed record ActivationsConfig
{
    /// <summary>Tensor names; default the first conv's output.</summary>
    public IReadOnlyList<string>? Layers { get; init; }

    /// <summary>Gate: largest share of channels per layer that never fire on the images, 0..1.</summary>
    public double? MaxDeadChannelFraction { get; init; }
}

public sealed record InvarianceConfig
{
    /// <summary>Horizontal shift sweep in pixels: ±this, step 1 (0 leaves it out).</summary>
    public int ShiftRange { get; init; } = 8;

    /// <summary>Rotation sweep in degrees: 0..this, in <see cref="RotationStep"/> steps (0 leaves it out).</summary>
    public int RotationRange { get; init; } = 180;

    public int RotationStep { get; init; } = 30;

    /// <summary>How many images the sweeps use.</summary>
    public int MaxImages { get; init; } = 32;

    /// <summary>Gate: top-1 agreement with the unshifted prediction over ±<see cref="GateShift"/> pixels, 0..1.</summary>
    public double? MinShiftAgreement { get; init; }

    public int GateShift { get; init; } = 4;
}

public sealed record EmbeddingsConfig
{
    public string? Layer { get; init; }

    /// <summary>Gate: silhouette of the classes in feature space, −1..1.</summary>
    public double? MinSilhouette { get; init; }

    /// <summary>Gate: leave-one-out k-NN accuracy, 0..1.</summary>
    public double? MinKnnAccuracy { get; init; }

    public int MaxImages { get; init; } = 400;
}
