namespace ModelAudit.Auditing;

/// <summary>
/// The first shard's measurement (the audit's images are few and its error is a mean over them, so it runs whole on
/// shard 1): per transform, the output's mean equivariance and invariance errors and the plot; or why nothing was measured.
/// </summary>
internal sealed record EquivariancePartial(IReadOnlyList<EquivarianceSweep> Sweeps, int Images, string? Output, string? NotMeasured) : StepPartial;

/// <summary>One transform's values and, per value, the output's mean equivariance and invariance errors, with the plot.</summary>
internal sealed record EquivarianceSweep(string Transform, IReadOnlyList<double> Values, IReadOnlyList<double> Errors, IReadOnlyList<double> InvarianceErrors, ShardFigure Figure);
