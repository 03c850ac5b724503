using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Filters;

namespace ModelAudit.Assertions.Filters;

/// <summary>Assertions over a <see cref="FilterReport"/>; failures list the offending filters with their scores.</summary>
public sealed class FilterReportAssertions(FilterReport subject) : ReferenceTypeAssertions<FilterReport, FilterReportAssertions>(subject)
{
    protected override string Identifier => "filters";

    /// <summary>Fails when any filter's weights are (nearly) all zero; lists them with their norms.</summary>
    public AndConstraint<FilterReportAssertions> HaveNoDeadFilters(string because = "", params object[] becauseArgs)
    {
        const string expectation = "have no dead filters";
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var dead = Subject.Filters.Where(f => f.IsDead).ToArray();
            Failure.Unless(dead.Length == 0, Identifier, OfLayer, expectation,
                () => Numbers.Invariant($"{dead.Length} of {Subject.Filters.Count}: {string.Join(", ", dead.Select(f => Numbers.Invariant($"#{f.Index} norm {f.Norm:0.###e+0}")))} (median norm {Subject.MedianNorm:0.####})"),
                because, becauseArgs);
        }

        return new AndConstraint<FilterReportAssertions>(this);
    }

    /// <summary>
    /// Fails when a live filter's normalised total variation exceeds <paramref name="maxTotalVariation"/>, or its
    /// high-frequency ratio exceeds <paramref name="maxHighFrequencyRatio"/> (a share of the spectrum, in [0, 1]) when
    /// given; lists the offenders with scores.
    /// </summary>
    public AndConstraint<FilterReportAssertions> BeSmooth(double maxTotalVariation, double? maxHighFrequencyRatio = null, string because = "", params object[] becauseArgs)
    {
        Guard.NonNegative(maxTotalVariation, nameof(maxTotalVariation));
        if (maxHighFrequencyRatio is { } ratio)
        {
            Guard.Fraction(ratio, nameof(maxHighFrequencyRatio));
        }

        var limit = maxHighFrequencyRatio is { } hf ? Numbers.Invariant($"TV <= {maxTotalVariation:0.###} and HF <= {hf:0.###}") : Numbers.Invariant($"TV <= {maxTotalVariation:0.###}");
        var expectation = $"be smooth ({limit})";
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var rough = Subject.Filters
                .Where(f => !f.IsDead && (f.TotalVariation > maxTotalVariation || f.HighFrequencyRatio > (maxHighFrequencyRatio ?? double.PositiveInfinity)))
                .ToArray();
            Failure.Unless(rough.Length == 0, Identifier, OfLayer, expectation,
                () => Numbers.Invariant($"{rough.Length} of {Subject.Filters.Count} filters that are not: {string.Join(", ", rough.Select(f => Numbers.Invariant($"#{f.Index} TV {f.TotalVariation:0.000} HF {f.HighFrequencyRatio:0.000}")))}"),
                because, becauseArgs);
        }

        return new AndConstraint<FilterReportAssertions>(this);
    }

    /// <summary>Fails when two live filters of the same group are near-duplicates (|cosine| ≥ the report's threshold).</summary>
    public AndConstraint<FilterReportAssertions> HaveNoDuplicateFilters(string because = "", params object[] becauseArgs)
    {
        const string expectation = "have no near-duplicate filters";
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            Failure.Unless(Subject.DuplicatePairs.Count == 0, Identifier, OfLayer, Numbers.Invariant($"{expectation} (|cos| >= {Subject.Options.DuplicateCosine:0.###})"),
                () => $"{Subject.DuplicatePairs.Count}: {string.Join(", ", Subject.DuplicatePairs)}", because, becauseArgs);
        }

        return new AndConstraint<FilterReportAssertions>(this);
    }

    private string OfLayer => $" of layer {Subject.Layer.NodeName}";
}
