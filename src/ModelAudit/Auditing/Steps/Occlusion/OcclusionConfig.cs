namespace ModelAudit.Auditing;

/// <summary>The <c>occlusion</c> audit: occlusion maps of boxed images, gated on how much of their drop lies on the object.</summary>
public sealed record OcclusionConfig : AuditSection
{
    /// <summary>Side of the grey square, in pixels. Default 8.</summary>
    public int Window { get; init; } = 8;

    /// <summary>Step between window positions, in pixels. Default 4.</summary>
    public int Stride { get; init; } = 4;

    /// <summary>How many images (with boxes) get a map; maps cost one forward pass per window position. Default 16.</summary>
    public int MaxImages { get; init; } = 16;

    /// <summary>Pixels added around the object box when measuring mass inside it (windows smear evidence). Default 2.</summary>
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

    internal override void Validate(ConfigCheck check)
    {
        check.Range("min_mass_inside", MinMassInside, 0, 1);
        check.Range("min_pointing_game", MinPointingGame, 0, 1);
        check.Range("window", Window, 1, 4096);
        check.Range("stride", Stride, 1, 4096);
    }
}
