namespace ModelAudit.Auditing;

/// <summary>
/// Per occluded image: the share of drop mass inside its (inflated) box, whether its peak fell inside, and whether it
/// carried signal; and the figures of those of the run's first boxed images this shard measured.
/// </summary>
internal sealed record OcclusionPartial(IReadOnlyList<ImageOutcome> MassInside, IReadOnlyList<bool> PeakInside, IReadOnlyList<ShardFigure> Figures) : StepPartial;
