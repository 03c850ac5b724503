namespace ModelAudit.Auditing;

/// <summary>The <c>occlusion</c> audit: occlusion maps of boxed images, gated on how much of their drop lies on the object.</summary>
public sealed record OcclusionConfig : AuditSection
{
    /// <summary>Side of the grey square, in pixels. Default 8.</summary>
    public int Window { get; init; } = 8;

    /// <summary>Step between window positions, in pixels. Default 4.</summary>
    public int Stride { get; init; } = 4;

    /// <summary>
    /// How many images with a box get a map (images without a box do not count); maps cost one forward pass per window
    /// position. Default 16; 0 disables the audit, and its configured checks are reported as not measured.
    /// </summary>
    public int MaxImages { get; init; } = 16;

    /// <summary>Pixels added around the object box when measuring mass inside it (windows smear evidence). Default 2.</summary>
    public int BoxMargin { get; init; } = 2;

    /// <summary>Gate: mean share of positive drop mass inside the object box, 0..1.</summary>
    public double? MinMassInside { get; init; }

    /// <summary>
    /// Gate: with <see cref="MinMassInside"/>, the share of images (0..1) whose own mass inside the box reaches it;
    /// without this, the mean over images is gated.
    /// </summary>
    public double? MinPassRate { get; init; }

    /// <summary>Gate: share of images whose map peaks inside the object box, 0..1.</summary>
    public double? MinPointingGame { get; init; }

    /// <summary>
    /// The signal floor: an image whose largest drop in the target's probability is below this is inconclusive (a
    /// saturated or indifferent model gives a flat map whose mass is noise), never a pass. Default 0.05.
    /// </summary>
    public double MinSignal { get; init; } = 0.05;

    /// <summary>
    /// Compute the maps by exact incremental inference (<see cref="Occlusion.OcclusionMode.Incremental"/>): the same
    /// maps up to float rounding, faster on deep models. Default false.
    /// </summary>
    public bool Incremental { get; init; }

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("min_mass_inside", MinMassInside, 0, 1);
        check.Threshold("min_pointing_game", MinPointingGame, 0, 1);
        check.Range("min_pass_rate", MinPassRate, 0, 1);
        check.Range("min_signal", MinSignal, 0, 1);
        check.Range("max_images", MaxImages, 0, 100_000);
        if (check.Input is { } input && Window > Math.Min(input.Height, input.Width))
        {
            check.Fail("window", $"is {Window}, larger than the {input.Width}×{input.Height} input; use a window smaller than the image (e.g. an eighth of its side).");
        }
        check.Range("box_margin", BoxMargin, 0, 4096);
        if (MinPassRate is not null && MinMassInside is null)
        {
            check.Fail("min_pass_rate", "needs min_mass_inside: it is the share of images whose mass inside the box reaches min_mass_inside.");
        }
        check.Range("window", Window, 1, 4096);
        check.Range("stride", Stride, 1, 4096);
    }
}
