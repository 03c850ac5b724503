using ModelAudit.Activations;
using ModelAudit.Assertions.Activations;

namespace ModelAudit.Assertions;

public static class ActivationAssertionExtensions
{
    public static ActivationStatisticsAssertions Should(this ActivationStatistics statistics) => new(statistics);
}
