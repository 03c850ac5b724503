using ModelAudit.Assertions;
using ModelAudit.Faithfulness;

namespace ModelAudit.Tests.Assertions.Faithfulness;

/// <summary>Messages of the perturbation curve assertions, on results whose areas can be worked out by hand.</summary>
public sealed class PerturbationCurveAssertionsTests
{
    // Clean 1, filled 0.1. Raw areas by the trapezoid rule: deletion 0.525, insertion 0.575; normalised 0.472 and 0.528.
    private static readonly PerturbationCurveResult Weak = Result("weak", [1, 0.5, 0.1], [0.1, 0.6, 1]);
    private static readonly PerturbationCurveResult Strong = Result("strong", [1, 0.1, 0.1], [0.1, 1, 1]);

    [Fact]
    public void BeFaithful_WeakCurves_ReportsBothAreas()
    {
        var act = () => Weak.Should().BeFaithful(minInsertionAuc: 0.6, maxDeletionAuc: 0.4);

        act.Should().Throw<Exception>().WithMessage(
            "Expected explanation by weak to be faithful to the model (normalised insertion AUC >= 0.60, deletion AUC <= 0.40), " +
            "but found insertion AUC 0.528 and deletion AUC 0.472 (1 image(s), noisy-linear fill, probability; clean score 1, filled 0.1).");
    }

    [Fact]
    public void BeFaithful_StrongCurves_Passes()
    {
        Strong.Should().BeFaithful(minInsertionAuc: 0.7, maxDeletionAuc: 0.3);
        Strong.InsertionAuc.Should().BeApproximately(0.75, 1e-12);
        Strong.DeletionAuc.Should().BeApproximately(0.25, 1e-12);
    }

    [Fact]
    public void BeatBaseline_WeakAgainstStrong_ReportsTheGains()
    {
        var act = () => Weak.Should().BeatBaseline(Strong, minMargin: 0.05);

        act.Should().Throw<Exception>().WithMessage(
            "Expected explanation by weak to beat strong maps' relevance gain 0.500 by at least 0.05, but found a gain of 0.056 (insertion 0.528 against 0.750, deletion 0.472 against 0.250; *");
        Strong.Should().BeatBaseline(Weak, minMargin: 0.4);
    }

    [Fact]
    public void BeFaithful_FilledImageScoresLikeTheClean_SaysTheCurvesCannotBeNormalised()
    {
        var flat = Result("flat", [1, 0.999, 0.998], [0.998, 1, 1]);

        var act = () => flat.Should().BeFaithful();

        act.Should().Throw<Exception>().WithMessage("*but found curves that cannot be normalised: the fully filled images score 0.998 against 1 clean (*); choose a fill that hides what the model sees.");
    }

    [Theory]
    [InlineData(-0.1, 0.4)]
    [InlineData(0.6, 1.2)]
    public void BeFaithful_ThresholdOutsideZeroToOne_Throws(double minInsertion, double maxDeletion)
    {
        var act = () => Weak.Should().BeFaithful(minInsertion, maxDeletion);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Should_NullResult_FailsClearly()
    {
        PerturbationCurveResult? result = null;

        var act = () => result!.Should().BeFaithful();

        act.Should().Throw<Exception>().WithMessage("Expected explanation to be faithful to the model (normalised insertion AUC >= 0.60, deletion AUC <= 0.40), but found <null>.");
    }

    private static PerturbationCurveResult Result(string method, double[] deletion, double[] insertion) =>
        new(method, PerturbationFill.NoisyLinear, "probability", [new ImageCurves("class 0", deletion[0], deletion[^1], deletion, insertion)], 4);
}
