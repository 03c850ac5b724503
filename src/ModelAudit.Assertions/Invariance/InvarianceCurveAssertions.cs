using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Invariance;

namespace ModelAudit.Assertions.Invariance;

/// <summary>Assertions on an <see cref="InvarianceCurve"/>; failures list the measured values and where the property breaks.</summary>
public sealed class InvarianceCurveAssertions(InvarianceCurve subject) : ReferenceTypeAssertions<InvarianceCurve, InvarianceCurveAssertions>(subject)
{
    protected override string Identifier => "invariance curve";

    /// <summary>
    /// Every sampled value in [from, to] keeps the untransformed top-1 class for at least <paramref name="minAgreement"/>
    /// (in [0, 1]) of the images (default 1: every image keeps it).
    /// </summary>
    public AndConstraint<InvarianceCurveAssertions> KeepTop1Within(double from, double to, double minAgreement = 1.0, string because = "", params object[] becauseArgs)
    {
        Guard.Fraction(minAgreement, nameof(minAgreement));
        var expectation = $"keep top-1 for at least {Numbers.Percent(minAgreement)} of the images over [{F(from)}, {F(to)}]";
        var points = Covered(from, to, expectation, because, becauseArgs);
        if (points is not null)
        {
            var broken = points.Where(p => p.Top1Agreement < minAgreement - 1e-12).ToArray();
            var lowest = broken.OrderBy(p => p.Top1Agreement).FirstOrDefault();
            Failure.Unless(broken.Length == 0, Identifier, OfTransform, expectation,
                () => $"agreement below it at {string.Join(", ", broken.Select(p => F(p.Value)))} " +
                    $"(lowest {Numbers.Percent(lowest?.Top1Agreement ?? 1)} at {F(lowest?.Value ?? 0)}; " +
                    $"top-1 holds over {Subject.LargestRangeKeepingTop1(minAgreement)?.ToString() ?? "no range (it fails at the identity)"}; " +
                    $"measured agreement: {Listing(points, p => p.Top1Agreement)})",
                because, becauseArgs);
        }

        return new AndConstraint<InvarianceCurveAssertions>(this);
    }

    /// <summary>The mean P(target class) stays at or above <paramref name="minimum"/> (in [0, 1]) at every sampled value in [from, to].</summary>
    public AndConstraint<InvarianceCurveAssertions> StayAbove(double minimum, double from, double to, string because = "", params object[] becauseArgs)
    {
        Guard.Fraction(minimum, nameof(minimum));
        var expectation = $"keep mean P(target) at or above {F(minimum)} over [{F(from)}, {F(to)}]";
        var points = Covered(from, to, expectation, because, becauseArgs);
        if (points is not null)
        {
            var broken = points.Where(p => p.TargetProbability < minimum).ToArray();
            var lowest = broken.OrderBy(p => p.TargetProbability).FirstOrDefault();
            Failure.Unless(broken.Length == 0, Identifier, OfTransform, expectation,
                () => $"it below {F(minimum)} at {string.Join(", ", broken.Select(p => F(p.Value)))} " +
                    $"(lowest {F(lowest?.TargetProbability ?? 1)} at {F(lowest?.Value ?? 0)}; measured P(target): {Listing(points, p => p.TargetProbability)})",
                because, becauseArgs);
        }

        return new AndConstraint<InvarianceCurveAssertions>(this);
    }

    /// <summary>
    /// Layer <paramref name="layer"/> changes less than layer <paramref name="than"/> across the sweep: its mean
    /// normalised feature distance over the transformed values is smaller.
    /// </summary>
    public AndConstraint<InvarianceCurveAssertions> ChangeLessAtLayer(string layer, string than, string because = "", params object[] becauseArgs)
    {
        Guard.Name(layer, nameof(layer));
        Guard.Name(than, nameof(than));
        var expectation = $"change less at {layer} than at {than}";
        var measured = Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs)
            && Failure.Unless(Subject.Layers.Contains(layer) && Subject.Layers.Contains(than), Identifier, OfTransform, expectation,
                () => $"only {string.Join(", ", Subject.Layers)} measured", because, becauseArgs);

        if (measured)
        {
            var mine = InvarianceMetrics.MeanDistance(Subject, layer);
            var theirs = InvarianceMetrics.MeanDistance(Subject, than);
            Failure.Unless(mine < theirs, Identifier, OfTransform, expectation,
                () => $"a mean normalised distance of {F(mine)} at {layer} and {F(theirs)} at {than} " +
                    $"(per value, {layer} / {than}: {string.Join(", ", Subject.Points.Select(p => $"{F(p.Value)}: {F(p.DistanceAt(layer))} / {F(p.DistanceAt(than))}"))})",
                because, becauseArgs);
        }

        return new AndConstraint<InvarianceCurveAssertions>(this);
    }

    private string OfTransform => $" of {Subject.Transform.Name}";

    /// <summary>The points in [from, to], or null after failing when there is no curve or it does not cover that range.</summary>
    private IReadOnlyList<InvariancePoint>? Covered(double from, double to, string expectation, string because, object[] becauseArgs)
    {
        if (!(from <= to))
        {
            throw new ArgumentException(Numbers.Invariant($"The range [{F(from)}, {F(to)}] is empty: from must not exceed to."), nameof(from));
        }

        if (!Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            return null;
        }

        var first = Subject.Points[0].Value;
        var last = Subject.Points[^1].Value;
        var covered = Failure.Unless(first <= from + 1e-9 && last >= to - 1e-9, Identifier, OfTransform, $"cover [{F(from)}, {F(to)}]",
            () => $"the sweep covers only [{F(first)}, {F(last)}]", because, becauseArgs);
        return covered ? InvarianceMetrics.Within(Subject, from, to) : null;
    }

    private static string Listing(IEnumerable<InvariancePoint> points, Func<InvariancePoint, double> metric) =>
        string.Join(", ", points.Select(p => $"{F(p.Value)}: {F(metric(p))}"));

    private static string F(double value) => Numbers.Plain(value);
}
