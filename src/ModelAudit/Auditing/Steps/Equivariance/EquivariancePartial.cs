namespace ModelAudit.Auditing;

/// <summary>
/// The first shard's measurement (the audit's images are few and its error is a mean over them, so it runs whole on
/// shard 1): per shift, the output's mean equivariance and invariance errors, and the plot; or why nothing was measured.
/// </summary>
internal sealed record EquivariancePartial(IReadOnlyList<double> Errors, IReadOnlyList<double> InvarianceErrors, int Images, string? Output, ShardFigure? Figure, string? NotMeasured) : StepPartial;
