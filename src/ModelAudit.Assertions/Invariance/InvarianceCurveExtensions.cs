using ModelAudit.Assertions.Invariance;
using ModelAudit.Invariance;

namespace ModelAudit.Assertions;

public static class InvarianceCurveExtensions
{
    public static InvarianceCurveAssertions Should(this InvarianceCurve curve) => new(curve);
}
