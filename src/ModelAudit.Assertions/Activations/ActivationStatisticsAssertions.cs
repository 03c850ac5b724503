using System.Globalization;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using ModelAudit.Activations;

namespace ModelAudit.Assertions.Activations;

/// <summary>Assertions over <see cref="ActivationStatistics"/>.</summary>
public sealed class ActivationStatisticsAssertions(ActivationStatistics subject) : ReferenceTypeAssertions<ActivationStatistics, ActivationStatisticsAssertions>(subject)
{
    protected override string Identifier => "activations";

    /// <summary>
    /// Fails when more than <paramref name="maxFraction"/> of <paramref name="layer"/>'s channels never fired on any probe
    /// (default 0: none may be dead); lists the dead channels.
    /// </summary>
    public AndConstraint<ActivationStatisticsAssertions> HaveNoDeadChannels(string layer, double maxFraction = 0, string because = "", params object[] becauseArgs)
    {
        var l = Subject.Layer(layer);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(l.DeadFraction <= maxFraction)
            .FailWith("Expected {context:activations} of layer {0} to have at most {1} dead channels{reason}, but {2} of {3} ({4}) never fired on {5} probes: channels {6}.",
                layer, new Raw(Percent(maxFraction)), l.DeadChannels.Count, l.ChannelCount, new Raw(Percent(l.DeadFraction)), Subject.ProbeCount,
                new Raw(string.Join(", ", l.DeadChannels)));
        return new AndConstraint<ActivationStatisticsAssertions>(this);
    }

    /// <summary>Fails when any statistic moved from <paramref name="baseline"/> beyond <paramref name="tolerances"/>; lists each move.</summary>
    public AndConstraint<ActivationStatisticsAssertions> NotDriftFrom(ActivationStatistics baseline, ActivationTolerances? tolerances = null, string because = "", params object[] becauseArgs)
    {
        var drift = ActivationDrift.Compare(baseline, Subject, tolerances);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(drift.IsWithinTolerance)
            .FailWith("Expected {context:activations} to stay within tolerance of the baseline{reason}, but {0} statistics drifted: {1}.",
                drift.Violations.Count, new Raw(string.Join("; ", drift.Violations.Take(20)) + (drift.Violations.Count > 20 ? "; ..." : "")));
        return new AndConstraint<ActivationStatisticsAssertions>(this);
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
