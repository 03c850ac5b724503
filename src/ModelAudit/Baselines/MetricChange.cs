namespace ModelAudit.Baselines;

/// <summary>Why a metric does not match its approved value.</summary>
public enum MetricChange
{
    /// <summary>Both have it, and the difference exceeds the tolerance.</summary>
    Changed,

    /// <summary>The baseline has it; the snapshot does not.</summary>
    Missing,

    /// <summary>The snapshot has it; the baseline does not.</summary>
    Added,
}
