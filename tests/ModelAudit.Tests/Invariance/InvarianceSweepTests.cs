using ModelAudit.Assertions;
using ModelAudit.Imaging;
using ModelAudit.Invariance;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Invariance;

public sealed class InvarianceSweepTests
{
    [Fact]
    public void Compute_PaddleOcrRotation_FlipsToTheRotatedClassAt180()
    {
        var curve = InvarianceModels.PaddleRotation;

        curve.TargetProbabilityAt(0).Should().BeLessThan(0.1);
        curve.TargetProbabilityAt(180).Should().BeGreaterThan(0.9);
        curve.Top1AgreementAt(0).Should().Be(1);
        curve.Top1AgreementAt(180).Should().Be(0);
    }

    [Fact]
    public void Compute_IdentityValue_HasZeroDistanceAndFullAgreement()
    {
        var curve = InvarianceModels.PaddleRotation;
        var identity = curve.Points[0];

        identity.Value.Should().Be(0);
        identity.Top1Agreement.Should().Be(1);
        identity.FeatureDistance.Values.Should().AllSatisfy(d => d.Should().Be(0));
        curve.Layers.Should().Equal(TestModels.PaddleOcr.Graph.FirstConv.Output, TestModels.PaddleOcr.Graph.PenultimateTensor);
        curve.Points.Select(p => p.Value).Should().Equal(0, 45, 90, 135, 180);
    }

    [Fact]
    public void Compute_PaddleOcrRotation_LargestRangeKeepingTop1StopsBefore45()
    {
        var curve = InvarianceModels.PaddleRotation;

        curve.LargestRangeKeepingTop1().Should().Be(new ValueRange(0, 0));
        curve.Should().KeepTop1Within(0, 0);
    }

    [Fact]
    public void KeepTop1Within_RotationOfTheTextClassifier_FailsNamingWhereItBreaks()
    {
        var act = () => InvarianceModels.PaddleRotation.Should().KeepTop1Within(0, 180, because: "text must read the same way up");

        act.Should().Throw<Exception>()
            .Which.Message.Should().Contain("rotate").And.Contain("[0, 180]").And.Contain("text must read the same way up")
            .And.Contain("but found agreement below it at 45, 90, 135, 180 (lowest 0% at 180;").And.Contain("top-1 holds over [0, 0]");
    }

    [Fact]
    public void KeepTop1Within_BeyondTheSweep_FailsNamingTheCoveredRange()
    {
        var act = () => InvarianceModels.PaddleRotation.Should().KeepTop1Within(-10, 10);

        act.Should().Throw<Exception>().Which.Message.Should().Contain("covers only [0, 180]");
    }

    [Fact]
    public void StayAbove_WhereTheProbabilityFalls_FailsWithTheMeasuredValues()
    {
        // With target = the 180° class, P(target) is near 0 for upright text.
        var act = () => InvarianceModels.PaddleRotation.Should().StayAbove(0.8, from: 0, to: 45);

        act.Should().Throw<Exception>().Which.Message.Should().Contain("at or above 0.8").And.Contain("measured P(target): 0: 0");
    }

    [Fact]
    public void ChangeLessAtLayer_UnknownLayer_FailsListingTheMeasuredLayers()
    {
        var curve = InvarianceModels.PaddleRotation;

        var act = () => curve.Should().ChangeLessAtLayer("nope", than: curve.FirstLayer);

        act.Should().Throw<Exception>().Which.Message.Should().Contain("only " + string.Join(", ", curve.Layers));
    }

    [Fact]
    public void Compute_LabelCountMismatch_Throws()
    {
        var sweep = new InvarianceSweep(TestModels.PaddleOcr);

        var act = () => sweep.Compute(Transform.Rotate(0, 10, 10), [TestModels.Line("a b c")], [0, 1]);

        act.Should().Throw<ArgumentException>().WithMessage("*2 labels for 1 images*");
    }

    [Fact]
    public void Compute_UnknownLayer_ThrowsNamingIt()
    {
        var sweep = new InvarianceSweep(TestModels.PaddleOcr);

        var act = () => sweep.Compute(Transform.Rotate(0, 10, 10), [TestModels.Line("a b c")], options: new InvarianceOptions { Layers = ["no-such-tensor"] });

        act.Should().Throw<ArgumentException>().WithMessage("*'no-such-tensor'*");
    }

    [Fact]
    public void FeatureDistance_IsTheNormalisedL2Distance()
    {
        InvarianceSweep.FeatureDistance([3, 4, 0], [0, 0, 5]).Should().BeApproximately(Math.Sqrt(50) / 5, 1e-12);
        InvarianceSweep.FeatureDistance([0, 0], [0, 0]).Should().Be(0);
    }

    [Fact]
    public void Top1AgreementAt_BetweenSamples_Interpolates()
    {
        var curve = InvarianceModels.PaddleRotation;

        curve.TargetProbabilityAt(22.5).Should().BeApproximately((curve.Points[0].TargetProbability + curve.Points[1].TargetProbability) / 2, 1e-12);
        FluentActions.Invoking(() => curve.Top1AgreementAt(200)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0..180*");
    }
}
