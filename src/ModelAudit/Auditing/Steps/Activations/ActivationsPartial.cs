using ModelAudit.Activations;

namespace ModelAudit.Auditing;

/// <summary>Per-layer statistics over this shard's probes; the first shard also carries the section's figures.</summary>
internal sealed record ActivationsPartial(int ProbeCount, IReadOnlyList<LayerActivationStatistics> Layers, ActivationFigures? Figures) : StepPartial;
