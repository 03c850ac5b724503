using ModelAudit.Invariance;

namespace ModelAudit.Assertions.Invariance;

public static class InvarianceCurveExtensions
{
    public static InvarianceCurveAssertions Should(this InvarianceCurve curve) => new(curve);
}
