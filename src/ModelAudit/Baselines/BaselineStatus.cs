namespace ModelAudit.Baselines;

/// <summary>Where a stored baseline stands.</summary>
public enum BaselineStatus
{
    /// <summary>Verified files only.</summary>
    Verified,

    /// <summary>Received files and no verified ones: a new baseline waiting to be accepted.</summary>
    New,

    /// <summary>Verified and received files: a change waiting to be accepted or rejected.</summary>
    Changed,
}
