namespace ModelAudit.Auditing;

/// <summary>
/// The texture statistics of the run (measured on the first shard): one row per layer, the Gram pictures, or why nothing
/// was measured; and the cue-conflict test when it was asked for.
/// </summary>
internal sealed record TexturePartial(IReadOnlyList<TextureRow> Layers, IReadOnlyList<ShardFigure> Figures, int Images, string? NotMeasured, CueConflictPartial? CueConflict = null) : StepPartial;

/// <summary>One layer's texture numbers and its spectrum's largest eigenvalues.</summary>
internal sealed record TextureRow(string Layer, int Channels, double EffectiveRank, double TopEigenvalueShare, double Diversity, IReadOnlyList<double> TopEigenvalues);
