namespace ModelAudit.Cli;

/// <summary>Exit codes a release pipeline can tell apart.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The audit ran and at least one check failed: the gate is closed.</summary>
    public const int AuditFailed = 1;

    /// <summary>The command could not run: bad arguments, a bad config, a missing or unreadable file.</summary>
    public const int InvalidInput = 2;
}
