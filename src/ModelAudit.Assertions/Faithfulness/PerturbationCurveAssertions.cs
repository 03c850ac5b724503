using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Faithfulness;

namespace ModelAudit.Assertions.Faithfulness;

/// <summary>Assertions over a <see cref="PerturbationCurveResult"/>: does the model's score follow the maps?</summary>
public sealed class PerturbationCurveAssertions(PerturbationCurveResult subject)
    : ReferenceTypeAssertions<PerturbationCurveResult, PerturbationCurveAssertions>(subject)
{
    protected override string Identifier => "explanation";

    /// <summary>
    /// Fails unless the normalised insertion AUC is at least <paramref name="minInsertionAuc"/> and the normalised
    /// deletion AUC at most <paramref name="maxDeletionAuc"/> (both in [0, 1]; a map that knows nothing scores about
    /// 0.5 on both), or when the curves could not be normalised.
    /// </summary>
    public AndConstraint<PerturbationCurveAssertions> BeFaithful(double minInsertionAuc = 0.6, double maxDeletionAuc = 0.4, string because = "", params object[] becauseArgs)
    {
        Guard.Fraction(minInsertionAuc, nameof(minInsertionAuc));
        Guard.Fraction(maxDeletionAuc, nameof(maxDeletionAuc));
        var expectation = Numbers.Invariant($"be faithful to the model (normalised insertion AUC >= {minInsertionAuc:0.00}, deletion AUC <= {maxDeletionAuc:0.00})");
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs) && Measured(expectation, because, becauseArgs))
        {
            Failure.Unless(Subject.InsertionAuc >= minInsertionAuc && Subject.DeletionAuc <= maxDeletionAuc, Identifier, By, expectation,
                () => Numbers.Invariant($"insertion AUC {Subject.InsertionAuc:0.000} and deletion AUC {Subject.DeletionAuc:0.000} ({Details(Subject)})"),
                because, becauseArgs);
        }

        return new AndConstraint<PerturbationCurveAssertions>(this);
    }

    /// <summary>
    /// Fails unless the relevance gain (insertion − deletion AUC) beats <paramref name="baseline"/>'s by at least
    /// <paramref name="minMargin"/>: the maps find the model's evidence better than the baseline's maps (a
    /// <see cref="RandomBaseline"/>'s, or the Sobel edges of <see cref="ModelAudit.Gradients.EdgeBaseline"/>) on the same images.
    /// </summary>
    public AndConstraint<PerturbationCurveAssertions> BeatBaseline(PerturbationCurveResult baseline, double minMargin = 0.05, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        Guard.Within(minMargin, -1, 1, nameof(minMargin));
        var expectation = Numbers.Invariant($"beat {baseline.Method} maps' relevance gain {baseline.RelevanceGain:0.000} by at least {minMargin:0.00}");
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs) && Measured(expectation, because, becauseArgs))
        {
            Failure.Unless(Subject.RelevanceGain >= baseline.RelevanceGain + minMargin, Identifier, By, expectation,
                () => Numbers.Invariant($"a gain of {Subject.RelevanceGain:0.000} (insertion {Subject.InsertionAuc:0.000} against {baseline.InsertionAuc:0.000}, deletion {Subject.DeletionAuc:0.000} against {baseline.DeletionAuc:0.000}; {Details(Subject)})"),
                because, becauseArgs);
        }

        return new AndConstraint<PerturbationCurveAssertions>(this);
    }

    private string By => $" by {Subject.Method}";

    private static string Details(PerturbationCurveResult r) =>
        Numbers.Invariant($"{r.ImageCount} image(s), {r.FillName} fill, {r.Score}; clean score {r.MeanCleanScore:0.###}, filled {r.MeanEmptyScore:0.###}");

    private bool Measured(string expectation, string because, object[] becauseArgs) =>
        Failure.Unless(!double.IsNaN(Subject.InsertionAuc), Identifier, By, expectation,
            () => Numbers.Invariant($"curves that cannot be normalised: the fully filled images score {Subject.MeanEmptyScore:0.###} against {Subject.MeanCleanScore:0.###} clean ({Details(Subject)}); choose a fill that hides what the model sees"),
            because, becauseArgs);
}
