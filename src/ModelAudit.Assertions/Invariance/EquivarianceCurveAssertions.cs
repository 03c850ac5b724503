using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Invariance;

namespace ModelAudit.Assertions.Invariance;

/// <summary>
/// Assertions on an <see cref="EquivarianceCurve"/>, per measured tensor (default: the model's output); failures list
/// the measured errors per value.
/// </summary>
public sealed class EquivarianceCurveAssertions(EquivarianceCurve subject) : ReferenceTypeAssertions<EquivarianceCurve, EquivarianceCurveAssertions>(subject)
{
    protected override string Identifier => "equivariance curve";

    /// <summary>
    /// At every sampled value in [from, to] the mean equivariance error of <paramref name="tensor"/> (default: the
    /// output) is below <paramref name="maximum"/>: its map moves with the input.
    /// </summary>
    public AndConstraint<EquivarianceCurveAssertions> HaveEquivarianceErrorBelow(double maximum, double from, double to, string? tensor = null, string because = "", params object[] becauseArgs)
    {
        Guard.NonNegative(maximum, nameof(maximum));
        var expectation = $"keep the equivariance error below {F(maximum)} over [{F(from)}, {F(to)}]";
        var (name, points) = Covered(tensor, from, to, expectation, because, becauseArgs);
        if (points is not null)
        {
            var broken = points.Where(p => !(p.At(name).Error < maximum)).ToArray();
            var highest = broken.OrderByDescending(p => p.At(name).Error).FirstOrDefault();
            Failure.Unless(broken.Length == 0, Identifier, Of(name), expectation,
                () => $"it at or above {F(maximum)} at {string.Join(", ", broken.Select(p => F(p.Value)))} " +
                    $"(highest {F(highest?.At(name).Error ?? 0)} at {F(highest?.Value ?? 0)}; " +
                    $"measured equivariance / invariance error: {Listing(points, name)})",
                because, becauseArgs);
        }

        return new AndConstraint<EquivarianceCurveAssertions>(this);
    }

    /// <summary>
    /// At every transformed value in [from, to] (the identity left out) the map of <paramref name="tensor"/> (default:
    /// the output) is closer to the moved map than to the unmoved one: equivariance error below invariance error.
    /// </summary>
    public AndConstraint<EquivarianceCurveAssertions> MoveWithTheInput(double from, double to, string? tensor = null, string because = "", params object[] becauseArgs)
    {
        var expectation = $"move with the input over [{F(from)}, {F(to)}] (equivariance error below invariance error)";
        var (name, covered) = Covered(tensor, from, to, expectation, because, becauseArgs);
        var points = covered?.Where(p => Math.Abs(p.Value - Subject.Transform.Identity) > 1e-9).ToArray();
        if (points is not null
            && Failure.Unless(points.Length > 0, Identifier, Of(name), expectation, () => "no transformed value sampled in that range", because, becauseArgs))
        {
            var broken = points.Where(p => !(p.At(name).Error < p.At(name).InvarianceError)).ToArray();
            Failure.Unless(broken.Length == 0, Identifier, Of(name), expectation,
                () => $"the equivariance error at or above the invariance error at {string.Join(", ", broken.Select(p => F(p.Value)))} " +
                    $"(measured equivariance / invariance error: {Listing(points, name)})",
                because, becauseArgs);
        }

        return new AndConstraint<EquivarianceCurveAssertions>(this);
    }

    private string Of(string tensor) => $" of {Subject.Transform.Name} at {tensor}";

    /// <summary>
    /// The tensor's name and the points in [from, to], or null points after failing when there is no curve, the tensor
    /// was not measured, or the sweep does not cover that range.
    /// </summary>
    private (string Tensor, IReadOnlyList<EquivariancePoint>? Points) Covered(string? tensor, double from, double to, string expectation, string because, object[] becauseArgs)
    {
        if (tensor is not null)
        {
            Guard.Name(tensor, nameof(tensor));
        }

        if (!(from <= to))
        {
            throw new ArgumentException(Numbers.Invariant($"The range [{F(from)}, {F(to)}] is empty: from must not exceed to."), nameof(from));
        }

        if (!Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            return (tensor ?? "", null);
        }

        var name = tensor ?? Subject.Output;
        var measured = Failure.Unless(Subject.Tensors.Any(t => t.Name == name), Identifier, Of(name), expectation,
            () => $"only {string.Join(", ", Subject.Tensors.Select(t => t.Name))} measured", because, becauseArgs);
        if (!measured)
        {
            return (name, null);
        }

        var first = Subject.Points[0].Value;
        var last = Subject.Points[^1].Value;
        var covered = Failure.Unless(first <= from + 1e-9 && last >= to - 1e-9, Identifier, Of(name), $"cover [{F(from)}, {F(to)}]",
            () => $"the sweep covers only [{F(first)}, {F(last)}]", because, becauseArgs);
        return (name, covered ? Subject.Within(from, to) : null);
    }

    private static string Listing(IEnumerable<EquivariancePoint> points, string tensor) =>
        string.Join(", ", points.Select(p => $"{F(p.Value)}: {F(p.At(tensor).Error)} / {F(p.At(tensor).InvarianceError)}"));

    private static string F(double value) => Numbers.Plain(value);
}
