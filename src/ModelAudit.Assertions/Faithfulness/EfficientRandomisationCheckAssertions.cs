using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Faithfulness;

namespace ModelAudit.Assertions.Faithfulness;

/// <summary>Assertions over an <see cref="EfficientRandomisationCheckResult"/> (Hedström et al.'s eMPRT).</summary>
public sealed class EfficientRandomisationCheckAssertions(EfficientRandomisationCheckResult subject)
    : ReferenceTypeAssertions<EfficientRandomisationCheckResult, EfficientRandomisationCheckAssertions>(subject)
{
    protected override string Identifier => "explanation";

    /// <summary>
    /// Fails unless, with every parametrised layer randomised, the maps' entropy rises by more than the factor
    /// <paramref name="minRise"/> (mean over the images; default 1: any rise). An explainer that draws the same map
    /// of a random network has not read the model.
    /// </summary>
    public AndConstraint<EfficientRandomisationCheckAssertions> BecomeMoreComplexWhenWeightsAreRandomised(double minRise = 1.0, string because = "", params object[] becauseArgs)
    {
        Guard.NonNegative(minRise, nameof(minRise));
        var expectation = Numbers.Invariant($"become more complex when the model's weights are randomised (entropy rise > ×{minRise:0.00})");
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            Failure.Unless(Subject.ComplexityRise > minRise, Identifier, $" by {Subject.Method}", expectation,
                () => Numbers.Invariant($"a rise of ×{Subject.ComplexityRise:0.000} ({Subject})"),
                because, becauseArgs);
        }

        return new AndConstraint<EfficientRandomisationCheckAssertions>(this);
    }
}
