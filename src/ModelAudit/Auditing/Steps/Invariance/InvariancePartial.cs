namespace ModelAudit.Auditing;

/// <summary>One curve per configured transform over this shard's images.</summary>
internal sealed record InvariancePartial(int ImageCount, IReadOnlyList<InvariancePoints> Curves) : StepPartial;
