namespace ModelAudit.Baselines;

/// <summary>What a baseline check found and did.</summary>
public enum BaselineOutcome
{
    /// <summary>Everything within tolerance; stale received and diff files were deleted.</summary>
    Matched,

    /// <summary>Missing or different, and accepting was on: the snapshot is now the verified baseline.</summary>
    Accepted,

    /// <summary>No verified baseline yet: the received files were written.</summary>
    Missing,

    /// <summary>Different from the verified baseline: received and diff files were written.</summary>
    Mismatched,
}
