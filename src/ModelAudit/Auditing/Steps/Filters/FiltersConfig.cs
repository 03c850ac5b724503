namespace ModelAudit.Auditing;

/// <summary>The <c>filters</c> audit: dead and noisy filters of one conv layer (default the first).</summary>
public sealed record FiltersConfig : AuditSection
{
    /// <summary>The conv node or output to audit; default the first conv.</summary>
    public string? Layer { get; init; }

    /// <summary>Gate: most filters allowed to be dead (all weights ~0).</summary>
    public int? MaxDeadFilters { get; init; }

    /// <summary>Gate: most filters allowed to be noisy (normalised total variation above the threshold).</summary>
    public int? MaxNoisyFilters { get; init; }

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("max_dead_filters", MaxDeadFilters, 0, int.MaxValue);
        check.Threshold("max_noisy_filters", MaxNoisyFilters, 0, int.MaxValue);
    }
}
