using System.Globalization;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using ModelAudit.Invariance;

namespace ModelAudit.Assertions.Invariance;

/// <summary>Assertions on an <see cref="InvarianceCurve"/>; failures list the measured values and where the property breaks.</summary>
public sealed class InvarianceCurveAssertions : ReferenceTypeAssertions<InvarianceCurve, InvarianceCurveAssertions>
{
    public InvarianceCurveAssertions(InvarianceCurve subject)
        : base(subject)
    {
    }

    protected override string Identifier => "invariance curve";

    /// <summary>
    /// Every sampled value in [from, to] keeps the untransformed top-1 class for at least <paramref name="minAgreement"/>
    /// of the images (default 1: every image keeps it).
    /// </summary>
    public AndConstraint<InvarianceCurveAssertions> KeepTop1Within(double from, double to, double minAgreement = 1.0, string because = "", params object[] becauseArgs)
    {
        var points = Covered(from, to, because, becauseArgs);
        if (points is not null)
        {
            var broken = points.Where(p => p.Top1Agreement < minAgreement - 1e-12).ToArray();
            var lowest = broken.OrderBy(p => p.Top1Agreement).FirstOrDefault();
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(broken.Length == 0)
                .FailWith(Fill(
                    "Expected {context:invariance curve} of {0} to keep top-1 for at least {1} of the images over [{2}, {3}]{reason}, " +
                    "but agreement fell below it at {4} (lowest {5} at {6}); top-1 holds over {7}. Measured agreement: {8}.",
                    Subject.Transform.Name, Percent(minAgreement), F(from), F(to),
                    string.Join(", ", broken.Select(p => F(p.Value))),
                    Percent(lowest?.Top1Agreement ?? 1), F(lowest?.Value ?? 0),
                    Subject.LargestRangeKeepingTop1(minAgreement)?.ToString() ?? "no range (it fails at the identity)",
                    Listing(points, p => p.Top1Agreement)));
        }

        return new AndConstraint<InvarianceCurveAssertions>(this);
    }

    /// <summary>The mean P(target class) stays at or above <paramref name="minimum"/> at every sampled value in [from, to].</summary>
    public AndConstraint<InvarianceCurveAssertions> StayAbove(double minimum, double from, double to, string because = "", params object[] becauseArgs)
    {
        var points = Covered(from, to, because, becauseArgs);
        if (points is not null)
        {
            var broken = points.Where(p => p.TargetProbability < minimum).ToArray();
            var lowest = broken.OrderBy(p => p.TargetProbability).FirstOrDefault();
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(broken.Length == 0)
                .FailWith(Fill(
                    "Expected {context:invariance curve} of {0} to keep mean P(target) at or above {1} over [{2}, {3}]{reason}, " +
                    "but it fell below {1} at {4} (lowest {5} at {6}). Measured P(target): {7}.",
                    Subject.Transform.Name, F(minimum), F(from), F(to),
                    string.Join(", ", broken.Select(p => F(p.Value))),
                    F(lowest?.TargetProbability ?? 1), F(lowest?.Value ?? 0),
                    Listing(points, p => p.TargetProbability)));
        }

        return new AndConstraint<InvarianceCurveAssertions>(this);
    }

    /// <summary>
    /// Layer <paramref name="layer"/> changes less than layer <paramref name="than"/> across the sweep: its mean
    /// normalised feature distance over the transformed values is smaller.
    /// </summary>
    public AndConstraint<InvarianceCurveAssertions> ChangeLessAtLayer(string layer, string than, string because = "", params object[] becauseArgs)
    {
        var measured = NotNull(because, becauseArgs) && Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject.Layers.Contains(layer) && Subject.Layers.Contains(than))
            .FailWith(Fill("Expected {context:invariance curve} to change less at {0} than at {1}{reason}, but only {2} were measured.",
                layer, than, string.Join(", ", Subject.Layers)));

        if (measured)
        {
            var mine = InvarianceMetrics.MeanDistance(Subject, layer);
            var theirs = InvarianceMetrics.MeanDistance(Subject, than);
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(mine < theirs)
                .FailWith(Fill(
                    "Expected {context:invariance curve} of {0} to change less at {1} than at {2}{reason}, " +
                    "but the mean normalised distance is {3} at {1} and {4} at {2}. Per value ({1} / {2}): {5}.",
                    Subject.Transform.Name, layer, than, F(mine), F(theirs),
                    string.Join(", ", Subject.Points.Select(p => $"{F(p.Value)}: {F(p.DistanceAt(layer))} / {F(p.DistanceAt(than))}"))));
        }

        return new AndConstraint<InvarianceCurveAssertions>(this);
    }

    /// <summary>The points in [from, to], or null after failing when the sweep does not cover that range.</summary>
    private IReadOnlyList<InvariancePoint>? Covered(double from, double to, string because, object[] becauseArgs)
    {
        if (!NotNull(because, becauseArgs))
        {
            return null;
        }

        var first = Subject.Points[0].Value;
        var last = Subject.Points[^1].Value;
        var ok = Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(from <= to)
            .FailWith(Fill("Expected a range with from <= to, but got [{0}, {1}].", F(from), F(to)))
            .Then
            .ForCondition(first <= from + 1e-9 && last >= to - 1e-9)
            .FailWith(Fill("Expected {context:invariance curve} of {0} to cover [{1}, {2}]{reason}, but the sweep covers only [{3}, {4}].",
                Subject.Transform.Name, F(from), F(to), F(first), F(last)));
        return ok ? InvarianceMetrics.Within(Subject, from, to) : null;
    }

    private bool NotNull(string because, object[] becauseArgs) => Execute.Assertion
        .BecauseOf(because, becauseArgs)
        .ForCondition(Subject is not null)
        .FailWith("Expected {context:invariance curve} to be measured{reason}, but found <null>.");

    private static string Listing(IEnumerable<InvariancePoint> points, Func<InvariancePoint, double> metric) =>
        string.Join(", ", points.Select(p => $"{F(p.Value)}: {F(metric(p))}"));

    /// <summary>
    /// Puts the values into the message before FluentAssertions sees it: its own formatting would quote every
    /// string, and the numbers here are already formatted.
    /// </summary>
    private static string Fill(string template, params string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            template = template.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", args[i], StringComparison.Ordinal);
        }

        return template;
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
