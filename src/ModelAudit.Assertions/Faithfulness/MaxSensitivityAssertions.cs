using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Faithfulness;

namespace ModelAudit.Assertions.Faithfulness;

/// <summary>Assertions over a <see cref="MaxSensitivityResult"/>.</summary>
public sealed class MaxSensitivityAssertions(MaxSensitivityResult subject)
    : ReferenceTypeAssertions<MaxSensitivityResult, MaxSensitivityAssertions>(subject)
{
    protected override string Identifier => "explanation";

    /// <summary>
    /// Fails when, on average over the images, small noise moves the map by more than <paramref name="maxSensitivity"/>
    /// of its own norm (the worst of the noisy copies, per image).
    /// </summary>
    public AndConstraint<MaxSensitivityAssertions> BeRobustToNoise(double maxSensitivity = 0.5, string because = "", params object[] becauseArgs)
    {
        Guard.NonNegative(maxSensitivity, nameof(maxSensitivity));
        var expectation = Numbers.Invariant($"stay put under small noise (mean max-sensitivity <= {maxSensitivity:0.00})");
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            Failure.Unless(Subject.Mean <= maxSensitivity, Identifier, $" by {Subject.Method}", expectation,
                () => Numbers.Invariant($"a mean max-sensitivity of {Subject.Mean:0.000} ({Subject})"),
                because, becauseArgs);
        }

        return new AndConstraint<MaxSensitivityAssertions>(this);
    }
}
