using System.Globalization;
using FluentAssertions;
using FluentAssertions.Execution;
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
    /// more than <paramref name="maxRankCorrelation"/> (Spearman, mean over the images): the explainer ignores the model.
    /// </summary>
    public AndConstraint<RandomisationCheckAssertions> ChangeWhenWeightsAreRandomised(double maxRankCorrelation = 0.6, string because = "", params object[] becauseArgs)
    {
        var last = Subject.FullyRandomised;
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(last.RankCorrelation <= maxRankCorrelation)
            .FailWith("Expected {context:explanation} ({0}) to change when the model's weights are randomised (rank correlation <= {1}){reason}, " +
                "but with all layers randomised it still correlates {2} (SSIM {3}) over {4} image(s). Stages: {5}.",
                new Raw(Subject.Method), new Raw(F(maxRankCorrelation)), new Raw(F(last.RankCorrelation)), new Raw(F(last.Ssim)), Subject.ImageCount, new Raw(Subject.ToString()));
        return new AndConstraint<RandomisationCheckAssertions>(this);
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}
