namespace ModelAudit.Auditing;

/// <summary>
/// Per occluded image: its id, the share of drop mass inside its (inflated) box, and whether the peak fell inside; and
/// the figures of those of the run's first boxed images this shard measured.
/// </summary>
internal sealed record OcclusionPartial(IReadOnlyList<string> Ids, IReadOnlyList<double> MassInside, IReadOnlyList<bool> PeakInside, IReadOnlyList<ShardFigure> Figures) : StepPartial;
