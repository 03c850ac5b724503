using ModelAudit.Invariance;

namespace ModelAudit.Auditing;

/// <summary>
/// Per configured transform, each image's samples over this shard's images, with their run positions; or why nothing
/// was swept (<paramref name="NotMeasured"/>).
/// </summary>
internal sealed record InvariancePartial(IReadOnlyList<int> Positions, IReadOnlyList<InvarianceSamples> Sweeps, string? NotMeasured = null) : StepPartial;
