using ModelAudit.Filters;

namespace ModelAudit.Assertions.Filters;

public static class FilterAssertionExtensions
{
    public static FilterReportAssertions Should(this FilterReport report) => new(report);
}
