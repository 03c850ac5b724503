using System.Globalization;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using ModelAudit.Filters;

namespace ModelAudit.Assertions.Filters;

/// <summary>Assertions over a <see cref="FilterReport"/>.</summary>
public sealed class FilterReportAssertions(FilterReport subject) : ReferenceTypeAssertions<FilterReport, FilterReportAssertions>(subject)
{
    protected override string Identifier => "filters";

    /// <summary>Fails when any filter's weights are (nearly) all zero; lists them with their norms.</summary>
    public AndConstraint<FilterReportAssertions> HaveNoDeadFilters(string because = "", params object[] becauseArgs)
    {
        var dead = Subject.Filters.Where(f => f.IsDead).ToArray();
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(dead.Length == 0)
            .FailWith("Expected {context:filters} of layer {0} to have no dead filters{reason}, but found {1} of {2}: {3} (median norm {4}).",
                Subject.Layer.NodeName, dead.Length, Subject.Filters.Count,
                new Raw(string.Join(", ", dead.Select(f => Invariant($"#{f.Index} norm {f.Norm:0.###e+0}")))), new Raw(Invariant($"{Subject.MedianNorm:0.####}")));
        return new AndConstraint<FilterReportAssertions>(this);
    }

    /// <summary>
    /// Fails when a live filter's normalised total variation exceeds <paramref name="maxTotalVariation"/>, or its
    /// high-frequency ratio exceeds <paramref name="maxHighFrequencyRatio"/> when given; lists the offenders with scores.
    /// </summary>
    public AndConstraint<FilterReportAssertions> BeSmooth(double maxTotalVariation, double? maxHighFrequencyRatio = null, string because = "", params object[] becauseArgs)
    {
        var rough = Subject.Filters
            .Where(f => !f.IsDead && (f.TotalVariation > maxTotalVariation || f.HighFrequencyRatio > (maxHighFrequencyRatio ?? double.PositiveInfinity)))
            .ToArray();
        var limit = maxHighFrequencyRatio is { } hf ? Invariant($"TV <= {maxTotalVariation:0.###} and HF <= {hf:0.###}") : Invariant($"TV <= {maxTotalVariation:0.###}");
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(rough.Length == 0)
            .FailWith("Expected {context:filters} of layer {0} to be smooth ({1}){reason}, but {2} of {3} filters are not: {4}.",
                Subject.Layer.NodeName, new Raw(limit), rough.Length, Subject.Filters.Count,
                new Raw(string.Join(", ", rough.Select(f => Invariant($"#{f.Index} TV {f.TotalVariation:0.000} HF {f.HighFrequencyRatio:0.000}")))));
        return new AndConstraint<FilterReportAssertions>(this);
    }

    /// <summary>Fails when two live filters of the same group are near-duplicates (|cosine| ≥ the report's threshold).</summary>
    public AndConstraint<FilterReportAssertions> HaveNoDuplicateFilters(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(Subject.DuplicatePairs.Count == 0)
            .FailWith("Expected {context:filters} of layer {0} to have no near-duplicate filters (|cos| >= {1}){reason}, but found {2}: {3}.",
                Subject.Layer.NodeName, new Raw(Invariant($"{Subject.Options.DuplicateCosine:0.###}")), Subject.DuplicatePairs.Count,
                new Raw(string.Join(", ", Subject.DuplicatePairs)));
        return new AndConstraint<FilterReportAssertions>(this);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
