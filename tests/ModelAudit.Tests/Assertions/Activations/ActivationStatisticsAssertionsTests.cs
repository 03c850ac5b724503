using ModelAudit.Activations;
using ModelAudit.Assertions;

namespace ModelAudit.Tests.Assertions.Activations;

public sealed class ActivationStatisticsAssertionsTests
{
    [Fact]
    public void Should_NullStatistics_FailsClearly()
    {
        ActivationStatistics? statistics = null;

        var act = () => statistics!.Should().HaveNoDeadChannels("relu1");

        act.Should().Throw<Exception>().WithMessage("Expected activations to have at most 0% dead channels, but found <null>.");
    }

    [Fact]
    public void HaveNoDeadChannels_FractionOutOfRangeOrNoLayer_Throws()
    {
        ActivationStatistics? statistics = null;

        FluentActions.Invoking(() => statistics!.Should().HaveNoDeadChannels("relu1", maxFraction: 1.1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxFraction");
        FluentActions.Invoking(() => statistics!.Should().HaveNoDeadChannels(" ")).Should().Throw<ArgumentException>().WithParameterName("layer");
        FluentActions.Invoking(() => statistics!.Should().NotDriftFrom(null!)).Should().Throw<ArgumentNullException>().WithParameterName("baseline");
    }
}
