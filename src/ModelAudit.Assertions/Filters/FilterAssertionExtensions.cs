using ModelAudit.Assertions.Filters;
using ModelAudit.Filters;

namespace ModelAudit.Assertions;

public static class FilterAssertionExtensions
{
    public static FilterReportAssertions Should(this FilterReport report) => new(report);
}
