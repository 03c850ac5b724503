using ModelAudit.Activations;

namespace ModelAudit.Auditing;

/// <summary>
/// Per-layer totals over this shard's probes (their run positions alongside, so shards combine in run order); the
/// first shard also carries the section's figures.
/// </summary>
internal sealed record ActivationsPartial(IReadOnlyList<int> Positions, IReadOnlyList<ChannelTotals> Layers, ActivationFigures? Figures) : StepPartial;
