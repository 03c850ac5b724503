using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Faithfulness;

namespace ModelAudit.Assertions.Faithfulness;

/// <summary>Assertions over a <see cref="FaithfulnessCorrelationResult"/>.</summary>
public sealed class FaithfulnessCorrelationAssertions(FaithfulnessCorrelationResult subject)
    : ReferenceTypeAssertions<FaithfulnessCorrelationResult, FaithfulnessCorrelationAssertions>(subject)
{
    protected override string Identifier => "explanation";

    /// <summary>
    /// Fails unless the mean correlation between the maps' weight on random pixel subsets and the score drops they
    /// cause is at least <paramref name="minCorrelation"/> (Pearson, in [-1, 1]).
    /// </summary>
    public AndConstraint<FaithfulnessCorrelationAssertions> PredictScoreDrops(double minCorrelation = 0.2, string because = "", params object[] becauseArgs)
    {
        Guard.Within(minCorrelation, -1, 1, nameof(minCorrelation));
        var expectation = Numbers.Invariant($"predict the score drops of filled pixel subsets (mean correlation >= {minCorrelation:0.00})");
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            Failure.Unless(Subject.MeanCorrelation >= minCorrelation, Identifier, $" by {Subject.Method}", expectation,
                () => Numbers.Invariant($"a mean correlation of {Subject.MeanCorrelation:0.000} ({Subject})"),
                because, becauseArgs);
        }

        return new AndConstraint<FaithfulnessCorrelationAssertions>(this);
    }
}
