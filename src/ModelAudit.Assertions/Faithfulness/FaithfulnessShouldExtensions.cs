using ModelAudit.Assertions.Faithfulness;
using ModelAudit.Faithfulness;

namespace ModelAudit.Assertions;

/// <summary>The <c>Should()</c> entry points of the faithfulness results.</summary>
public static class FaithfulnessShouldExtensions
{
    public static PerturbationCurveAssertions Should(this PerturbationCurveResult result) => new(result);

    public static FaithfulnessCorrelationAssertions Should(this FaithfulnessCorrelationResult result) => new(result);

    public static MaxSensitivityAssertions Should(this MaxSensitivityResult result) => new(result);

    public static EfficientRandomisationCheckAssertions Should(this EfficientRandomisationCheckResult result) => new(result);
}
