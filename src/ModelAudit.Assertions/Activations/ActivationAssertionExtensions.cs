using ModelAudit.Activations;

namespace ModelAudit.Assertions.Activations;

public static class ActivationAssertionExtensions
{
    public static ActivationStatisticsAssertions Should(this ActivationStatistics statistics) => new(statistics);
}
