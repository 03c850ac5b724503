using ModelAudit.Assertions;
using ModelAudit.Gradients;

namespace ModelAudit.Tests.Assertions.Gradients;

public sealed class RandomisationCheckAssertionsTests
{
    [Fact]
    public void Should_NullResult_FailsClearly()
    {
        RandomisationCheckResult? result = null;

        var act = () => result!.Should().ChangeWhenWeightsAreRandomised();

        act.Should().Throw<Exception>().WithMessage("Expected explanation to change when the model's weights are randomised (rank correlation <= 0.60), but found <null>.");
    }

    [Theory]
    [InlineData(-1.5)]
    [InlineData(2)]
    public void ChangeWhenWeightsAreRandomised_CorrelationOutOfRange_Throws(double maxRankCorrelation)
    {
        RandomisationCheckResult? result = null;

        var act = () => result!.Should().ChangeWhenWeightsAreRandomised(maxRankCorrelation);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxRankCorrelation");
    }
}
