using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Activations;

namespace ModelAudit.Assertions.Activations;

/// <summary>Assertions over <see cref="ActivationStatistics"/>; failures list the dead channels or drifted statistics.</summary>
public sealed class ActivationStatisticsAssertions(ActivationStatistics subject) : ReferenceTypeAssertions<ActivationStatistics, ActivationStatisticsAssertions>(subject)
{
    private const int ListedDrifts = 20;

    protected override string Identifier => "activations";

    /// <summary>
    /// Fails when more than <paramref name="maxFraction"/> (in [0, 1]) of <paramref name="layer"/>'s channels never
    /// fired on any probe (default 0: none may be dead); lists the dead channels.
    /// </summary>
    public AndConstraint<ActivationStatisticsAssertions> HaveNoDeadChannels(string layer, double maxFraction = 0, string because = "", params object[] becauseArgs)
    {
        Guard.Name(layer, nameof(layer));
        Guard.Fraction(maxFraction, nameof(maxFraction));
        var expectation = $"have at most {Numbers.Percent(maxFraction)} dead channels";
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var l = Subject.Layer(layer);
            Failure.Unless(l.DeadFraction <= maxFraction, Identifier, $" of layer {layer}", expectation,
                () => Numbers.Invariant($"{l.DeadChannels.Count} of {l.ChannelCount} ({Numbers.Percent(l.DeadFraction)}) that never fired on {Subject.ProbeCount} probes (channels {string.Join(", ", l.DeadChannels)})"),
                because, becauseArgs);
        }

        return new AndConstraint<ActivationStatisticsAssertions>(this);
    }

    /// <summary>Fails when any statistic moved from <paramref name="baseline"/> beyond <paramref name="tolerances"/>; lists each move.</summary>
    public AndConstraint<ActivationStatisticsAssertions> NotDriftFrom(ActivationStatistics baseline, ActivationTolerances? tolerances = null, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        const string expectation = "stay within tolerance of the baseline";
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var drift = ActivationDrift.Compare(baseline, Subject, tolerances);
            Failure.Unless(drift.IsWithinTolerance, Identifier, string.Empty, expectation,
                () => Numbers.Invariant($"{drift.Violations.Count} drifted statistics ({string.Join("; ", drift.Violations.Take(ListedDrifts))}{(drift.Violations.Count > ListedDrifts ? "; ..." : "")})"),
                because, becauseArgs);
        }

        return new AndConstraint<ActivationStatisticsAssertions>(this);
    }
}
