namespace ModelAudit.Auditing;

/// <summary>
/// Per occluded image: the share of drop mass inside its (inflated) box, whether its peak fell inside, and whether it
/// carried signal; and the figures of those of the run's first boxed images this shard measured.
/// </summary>
/// <param name="MassInside">Per image: the share inside the box, and whether the map carried signal.</param>
/// <param name="PeakInside">Per image: whether the map's peak fell inside the box.</param>
/// <param name="Figures">The figures of the run's first boxed images this shard measured.</param>
/// <param name="Target">What was watched, for the report: null for a class score, else the target's description.</param>
/// <param name="Floor">The signal floor the maps were held to (the target's, when the run has one).</param>
/// <param name="Window">The window side used (the config's, or its default for the input size); 0 when no map was made.</param>
/// <param name="Stride">The stride used.</param>
/// <param name="Fill">What the window showed, for the report.</param>
internal sealed record OcclusionPartial(IReadOnlyList<ImageOutcome> MassInside, IReadOnlyList<bool> PeakInside, IReadOnlyList<ShardFigure> Figures, string? Target = null, double? Floor = null, int Window = 0, int Stride = 0, string Fill = "") : StepPartial;
