using ModelAudit.Assertions;
using ModelAudit.Filters;

namespace ModelAudit.Tests.Assertions.Filters;

public sealed class FilterReportAssertionsTests
{
    [Fact]
    public void Should_NullReport_FailsClearly()
    {
        FilterReport? report = null;

        var act = () => report!.Should().HaveNoDeadFilters();

        act.Should().Throw<Exception>().WithMessage("Expected filters to have no dead filters, but found <null>.");
    }

    [Theory]
    [InlineData(-0.1, null, "maxTotalVariation")]
    [InlineData(double.PositiveInfinity, null, "maxTotalVariation")]
    [InlineData(0.5, 1.5, "maxHighFrequencyRatio")]
    public void BeSmooth_LimitOutOfRange_Throws(double maxTotalVariation, double? maxHighFrequencyRatio, string parameter)
    {
        FilterReport? report = null;

        var act = () => report!.Should().BeSmooth(maxTotalVariation, maxHighFrequencyRatio);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameter);
    }
}
