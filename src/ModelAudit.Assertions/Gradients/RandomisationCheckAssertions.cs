using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Gradients;

namespace ModelAudit.Assertions.Gradients;

/// <summary>Assertions over a <see cref="RandomisationCheckResult"/> (Adebayo et al.'s sanity check).</summary>
public sealed class RandomisationCheckAssertions(RandomisationCheckResult subject)
    : ReferenceTypeAssertions<RandomisationCheckResult, RandomisationCheckAssertions>(subject)
{
    protected override string Identifier => "explanation";

    /// <summary>
    /// Fails when, with every parametrised layer randomised, the maps still correlate with the trained model's by
    /// more than <paramref name="maxRankCorrelation"/> (Spearman, in [-1, 1], mean over the images): the explainer
    /// ignores the model.
    /// </summary>
    public AndConstraint<RandomisationCheckAssertions> ChangeWhenWeightsAreRandomised(double maxRankCorrelation = 0.6, string because = "", params object[] becauseArgs)
    {
        Guard.Within(maxRankCorrelation, -1, 1, nameof(maxRankCorrelation));
        var expectation = Numbers.Invariant($"change when the model's weights are randomised (rank correlation <= {maxRankCorrelation:0.00})");
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var last = Subject.FullyRandomised;
            Failure.Unless(last.RankCorrelation <= maxRankCorrelation, Identifier, $" by {Subject.Method}", expectation,
                () => Numbers.Invariant($"it still correlates {last.RankCorrelation:0.00} with all layers randomised (SSIM {last.Ssim:0.00} over {Subject.ImageCount} image(s); stages: {Subject})"),
                because, becauseArgs);
        }

        return new AndConstraint<RandomisationCheckAssertions>(this);
    }
}
