namespace ModelAudit.Baselines;

/// <summary>
/// How far a metric may drift from its approved value: it matches when
/// <c>|actual − expected| ≤ Absolute + Relative·|expected|</c>. A part left null falls back to the default tolerance.
/// </summary>
public sealed record MetricTolerance(double? Absolute = null, double? Relative = null);
