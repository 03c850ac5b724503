using ModelAudit.Assertions;
using ModelAudit.Invariance;

namespace ModelAudit.Tests.Assertions.Invariance;

public sealed class InvarianceCurveAssertionsTests
{
    [Fact]
    public void Should_NullCurve_FailsClearly()
    {
        InvarianceCurve? curve = null;

        var act = () => curve!.Should().KeepTop1Within(-6, 6, minAgreement: 0.95);

        act.Should().Throw<Exception>().WithMessage("Expected invariance curve to keep top-1 for at least 95% of the images over [-6, 6], but found <null>.");
    }

    [Fact]
    public void Assertions_ArgumentsOutOfRange_Throw()
    {
        InvarianceCurve? curve = null;

        FluentActions.Invoking(() => curve!.Should().KeepTop1Within(-6, 6, minAgreement: 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minAgreement");
        FluentActions.Invoking(() => curve!.Should().StayAbove(-0.1, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minimum");
        FluentActions.Invoking(() => curve!.Should().StayAbove(0.5, 6, -6)).Should().Throw<ArgumentException>().WithMessage("The range [6, -6] is empty*");
        FluentActions.Invoking(() => curve!.Should().ChangeLessAtLayer("", "conv2")).Should().Throw<ArgumentException>().WithParameterName("layer");
    }
}
