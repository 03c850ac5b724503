namespace ModelAudit.Activations;

/// <summary>The comparison of activation statistics with a baseline: every statistic that moved too far.</summary>
public sealed record ActivationDrift(IReadOnlyList<ActivationDriftItem> Violations, ActivationTolerances Tolerances)
{
    public bool IsWithinTolerance => Violations.Count == 0;

    /// <summary>Compares each baseline layer with the same layer of <paramref name="current"/>.</summary>
    public static ActivationDrift Compare(ActivationStatistics baseline, ActivationStatistics current, ActivationTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var t = tolerances ?? new ActivationTolerances();
        t.Validate();
        var violations = new List<ActivationDriftItem>();
        foreach (var b in baseline.Layers)
        {
            var c = current.Layers.FirstOrDefault(l => l.Layer == b.Layer);
            if (c is null)
            {
                violations.Add(new(b.Layer, "missing", null, b.ChannelCount, 0, 0));
                continue;
            }

            if (c.ChannelCount != b.ChannelCount)
            {
                violations.Add(new(b.Layer, "channels", null, b.ChannelCount, c.ChannelCount, 0));
                continue;
            }

            if (Math.Abs(c.Sparsity - b.Sparsity) > t.MaxSparsityChange)
            {
                violations.Add(new(b.Layer, "sparsity", null, b.Sparsity, c.Sparsity, t.MaxSparsityChange));
            }

            var newDead = c.DeadChannels.Except(b.DeadChannels).Count();
            if (newDead > t.MaxNewDeadChannels)
            {
                violations.Add(new(b.Layer, "new_dead_channels", null, b.DeadChannels.Count, c.DeadChannels.Count, t.MaxNewDeadChannels));
            }

            for (var ch = 0; ch < b.ChannelCount; ch++)
            {
                if (Math.Abs(c.FiringFraction[ch] - b.FiringFraction[ch]) > t.MaxFiringFractionChange)
                {
                    violations.Add(new(b.Layer, "firing", ch, b.FiringFraction[ch], c.FiringFraction[ch], t.MaxFiringFractionChange));
                }
            }
        }

        return new ActivationDrift(violations, t);
    }
}
