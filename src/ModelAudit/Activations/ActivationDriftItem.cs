using System.Globalization;

namespace ModelAudit.Activations;

/// <summary>One statistic that moved beyond its tolerance.</summary>
/// <param name="Layer">The tensor.</param>
/// <param name="Metric"><c>sparsity</c>, <c>firing</c>, <c>new_dead_channels</c>, <c>channels</c> or <c>missing</c>.</param>
/// <param name="Channel">The channel, for per-channel metrics.</param>
/// <param name="Baseline">The baseline's value.</param>
/// <param name="Current">The current value.</param>
/// <param name="Tolerance">The allowed change.</param>
public sealed record ActivationDriftItem(string Layer, string Metric, int? Channel, double Baseline, double Current, double Tolerance)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Layer}{(Channel is { } c ? $"[{c}]" : "")} {Metric}: {Baseline:0.###} -> {Current:0.###} (tolerance {Tolerance:0.###})");
}
