using ModelAudit.Assertions.Gradients;
using ModelAudit.Gradients;

namespace ModelAudit.Assertions;

public static class RandomisationCheckAssertionExtensions
{
    public static RandomisationCheckAssertions Should(this RandomisationCheckResult result) => new(result);
}
