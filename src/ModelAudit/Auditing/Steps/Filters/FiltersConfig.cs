using ModelAudit.Filters;

namespace ModelAudit.Auditing;

/// <summary>The <c>filters</c> audit: dead, noisy and near-duplicate filters of one conv layer (default the first).</summary>
public sealed record FiltersConfig : AuditSection
{
    private static readonly FilterOptions Defaults = new();

    /// <summary>The conv node or output to audit; default the first conv.</summary>
    public string? Layer { get; init; }

    /// <summary>Gate: most filters allowed to be dead (all weights ~0).</summary>
    [ConfigSuggested(0)]
    public int? MaxDeadFilters { get; init; }

    /// <summary>Gate: most filters allowed to be noisy (not clearly smoother than random noise of their shape).</summary>
    [ConfigSuggested(0)]
    public int? MaxNoisyFilters { get; init; }

    /// <summary>Gate: most pairs of near-duplicate filters allowed (|cosine| at least <see cref="DuplicateCosine"/>).</summary>
    public int? MaxDuplicatePairs { get; init; }

    /// <summary>A filter is dead when its L2 norm is at most this fraction of the layer's median filter norm, 0..1. Default 0.01.</summary>
    public double DeadRelativeNorm { get; init; } = Defaults.DeadRelativeNorm;

    /// <summary>A filter is dead when its L2 norm is at most this, whatever the other filters do. Default 1e-6.</summary>
    public double DeadAbsoluteNorm { get; init; } = Defaults.DeadAbsoluteNorm;

    /// <summary>
    /// A live filter is noisy when its smoothness score (null standard deviations smoother than i.i.d. Gaussian noise of
    /// its shape) is below this, −100..100. Default 0.5: trained 3×3 first layers score 0.8–5, random filters about N(0, 1).
    /// </summary>
    public double MinSmoothnessZ { get; init; } = Defaults.MinSmoothnessZ;

    /// <summary>
    /// A live filter is also noisy when its smoothness score is below this fraction of the layer's median score, 0..1
    /// (catches a noisy filter among large smooth kernels, e.g. 7×7). Default 0.2; 0 turns this test off.
    /// </summary>
    public double MinRelativeSmoothness { get; init; } = Defaults.MinRelativeSmoothness;

    /// <summary>Two live filters of the same group are near-duplicates when |cosine| is at least this, 0..1. Default 0.95.</summary>
    public double DuplicateCosine { get; init; } = Defaults.DuplicateCosine;

    internal FilterOptions Options => new()
    {
        DeadRelativeNorm = DeadRelativeNorm,
        DeadAbsoluteNorm = DeadAbsoluteNorm,
        MinSmoothnessZ = MinSmoothnessZ,
        MinRelativeSmoothness = MinRelativeSmoothness,
        DuplicateCosine = DuplicateCosine,
    };

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("max_dead_filters", MaxDeadFilters, 0, int.MaxValue);
        check.Threshold("max_noisy_filters", MaxNoisyFilters, 0, int.MaxValue);
        check.Threshold("max_duplicate_pairs", MaxDuplicatePairs, 0, int.MaxValue);
        check.Range("dead_relative_norm", DeadRelativeNorm, 0, 1);
        check.Range("dead_absolute_norm", DeadAbsoluteNorm, 0, double.MaxValue);
        check.Range("min_smoothness_z", MinSmoothnessZ, -100, 100);
        check.Range("min_relative_smoothness", MinRelativeSmoothness, 0, 1);
        check.Range("duplicate_cosine", DuplicateCosine, 0, 1);
    }
}
