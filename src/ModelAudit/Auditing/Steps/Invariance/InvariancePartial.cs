using ModelAudit.Invariance;

namespace ModelAudit.Auditing;

/// <summary>Per configured transform, each image's samples over this shard's images, with their run positions.</summary>
internal sealed record InvariancePartial(IReadOnlyList<int> Positions, IReadOnlyList<InvarianceSamples> Sweeps) : StepPartial;
