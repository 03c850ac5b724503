using ModelAudit.Assertions;
using ModelAudit.Invariance;
using ModelAudit.Tests.Invariance;

namespace ModelAudit.Tests.Assertions.Invariance;

public sealed class EquivarianceCurveAssertionsTests
{
    private static readonly Lazy<EquivarianceCurve> LazyPointwise = new(() =>
    {
        using var model = EquivarianceModels.Pointwise();
        return new Equivariance(model).Compute(Transform.TranslateX(-2, 2, 1), EquivarianceModels.Textures(2), new EquivarianceOptions { Tensors = ["conv"] });
    });

    private static readonly Lazy<EquivarianceCurve> LazyStrideTwo = new(() =>
    {
        using var model = EquivarianceModels.StrideTwo();
        return new Equivariance(model).Compute(Transform.TranslateX(-2, 2, 1), [EquivarianceModels.Columns(x => x % 2 == 0 ? 40 + (10 * x) : 250)]);
    });

    [Fact]
    public void HaveEquivarianceErrorBelow_PointwiseMap_Passes()
    {
        LazyPointwise.Value.Should().HaveEquivarianceErrorBelow(1e-6, from: -2, to: 2)
            .And.HaveEquivarianceErrorBelow(1e-6, from: -2, to: 2, tensor: "conv")
            .And.MoveWithTheInput(-2, 2);
    }

    [Fact]
    public void ReadmeExample_ShiftsInStepsOfTheStride_PassBothAssertions()
    {
        using var model = EquivarianceModels.BlurThenStride();

        var curve = new Equivariance(model).Compute(Transform.TranslateX(-4, 4, step: 2), EquivarianceModels.Textures(4),
            new EquivarianceOptions { Tensors = ["blur"], Margin = 1 });

        curve.Should().HaveEquivarianceErrorBelow(0.1, from: -4, to: 4).And.MoveWithTheInput(-4, 4);
        curve.Should().HaveEquivarianceErrorBelow(0.1, from: -4, to: 4, tensor: "blur").And.MoveWithTheInput(-4, 4, tensor: "blur");
    }

    [Fact]
    public void HaveEquivarianceErrorBelow_StrideTwoOddShifts_FailsNamingThemWithTheMeasuredErrors()
    {
        var act = () => LazyStrideTwo.Value.Should().HaveEquivarianceErrorBelow(0.2, from: -2, to: 2, because: "a segmenter's mask must follow the object");

        act.Should().Throw<Exception>().WithMessage(
            "Expected equivariance curve of translate-x at out to keep the equivariance error below 0.2 over [-2, 2] because a segmenter's mask must follow the object, " +
            "but found it at or above 0.2 at -1, 1 (highest 1.244 at -1; measured equivariance / invariance error: -2: 0 / 0.186, -1: 1.244 / 1.441, 0: 0 / 0, 1: 1.244 / 1.075, 2: 0 / 0.158).");
    }

    [Fact]
    public void MoveWithTheInput_StrideTwoOddShifts_FailsWhereTheMovedMapIsFurther()
    {
        // At +1 the moved map is further from the seen one than the unmoved map is (1.244 against 1.075); at −1 the
        // unmoved map is compared on columns 0..6, darker ones, and is further still (1.441).
        var act = () => LazyStrideTwo.Value.Should().MoveWithTheInput(-2, 2);

        act.Should().Throw<Exception>().Which.Message.Should()
            .Contain("to move with the input over [-2, 2] (equivariance error below invariance error)")
            .And.Contain("but found the equivariance error at or above the invariance error at 1 (");
    }

    [Fact]
    public void MoveWithTheInput_OnlyTheIdentityInRange_Fails()
    {
        var act = () => LazyStrideTwo.Value.Should().MoveWithTheInput(0, 0);

        act.Should().Throw<Exception>().WithMessage("*but found no transformed value sampled in that range.");
    }

    [Fact]
    public void Assertions_UnmeasuredTensorOrUncoveredRange_FailListingWhatWasMeasured()
    {
        var curve = LazyPointwise.Value;

        FluentActions.Invoking(() => curve.Should().HaveEquivarianceErrorBelow(0.1, -2, 2, tensor: "blur"))
            .Should().Throw<Exception>().WithMessage("*at blur*but found only out, conv measured.");
        FluentActions.Invoking(() => curve.Should().MoveWithTheInput(-4, 4))
            .Should().Throw<Exception>().WithMessage("*to cover [-4, 4], but found the sweep covers only [-2, 2].");
    }

    [Fact]
    public void Should_NullCurve_FailsClearly()
    {
        EquivarianceCurve? curve = null;

        var act = () => curve!.Should().HaveEquivarianceErrorBelow(0.2, -4, 4);

        act.Should().Throw<Exception>().WithMessage("Expected equivariance curve to keep the equivariance error below 0.2 over [-4, 4], but found <null>.");
    }

    [Fact]
    public void Assertions_ArgumentsOutOfRange_Throw()
    {
        EquivarianceCurve? curve = null;

        FluentActions.Invoking(() => curve!.Should().HaveEquivarianceErrorBelow(-0.1, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maximum");
        FluentActions.Invoking(() => curve!.Should().HaveEquivarianceErrorBelow(0.1, 4, -4)).Should().Throw<ArgumentException>().WithMessage("The range [4, -4] is empty*");
        FluentActions.Invoking(() => curve!.Should().MoveWithTheInput(-4, 4, tensor: " ")).Should().Throw<ArgumentException>().WithParameterName("tensor");
    }
}
