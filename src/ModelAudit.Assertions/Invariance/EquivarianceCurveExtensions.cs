using ModelAudit.Assertions.Invariance;
using ModelAudit.Invariance;

namespace ModelAudit.Assertions;

public static class EquivarianceCurveExtensions
{
    public static EquivarianceCurveAssertions Should(this EquivarianceCurve curve) => new(curve);
}
