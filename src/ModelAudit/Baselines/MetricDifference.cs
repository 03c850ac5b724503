namespace ModelAudit.Baselines;

/// <summary>One metric outside its tolerance, or present on one side only.</summary>
public sealed record MetricDifference(string Metric, MetricChange Change, double? Expected, double? Actual, double? Tolerance);
