namespace ModelAudit.Baselines;

/// <summary>One baseline on disk, with its files sorted by path.</summary>
public sealed record StoredBaseline(
    string Name,
    BaselineStatus Status,
    IReadOnlyList<string> VerifiedFiles,
    IReadOnlyList<string> ReceivedFiles,
    IReadOnlyList<string> DiffFiles)
{
    /// <summary>True when received files wait to be accepted.</summary>
    public bool IsPending => Status != BaselineStatus.Verified;
}
