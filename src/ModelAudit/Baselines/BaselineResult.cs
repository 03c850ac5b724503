namespace ModelAudit.Baselines;

/// <summary>The outcome of checking one snapshot against its baseline, with every figure and file involved.</summary>
public sealed record BaselineResult(
    SnapshotName Name,
    BaselineOutcome Outcome,
    IReadOnlyList<ImageComparison> Images,
    IReadOnlyList<MetricDifference> MetricDifferences,
    string VerifiedPath,
    string? ReceivedPath)
{
    /// <summary>The folder whose marker chose the baselines root, from which the CLI finds it again; null when the root was set.</summary>
    internal string? RootFoundFrom { get; init; }

    /// <summary>True when the baseline matched or was accepted.</summary>
    public bool Passed => Outcome is BaselineOutcome.Matched or BaselineOutcome.Accepted;

    /// <summary>A message for people: the comparison figures, the files, and how to accept the change.</summary>
    public string Message => BaselineMessage.Format(this);

    /// <summary>Throws <see cref="BaselineMismatchException"/> unless the baseline passed; returns this result otherwise.</summary>
    public BaselineResult ThrowIfFailed() => Passed ? this : throw new BaselineMismatchException(this);
}
