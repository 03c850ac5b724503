namespace ModelAudit.Auditing;

/// <summary>Filters depend on the weights only: the first shard measures them, every other shard carries nothing.</summary>
internal sealed record FiltersPartial(FilterFindings? Findings) : StepPartial;
