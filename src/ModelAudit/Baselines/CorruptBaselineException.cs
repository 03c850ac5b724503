namespace ModelAudit.Baselines;

/// <summary>A verified baseline file that cannot be read. The message names the file and how to record it again.</summary>
public sealed class CorruptBaselineException : ModelAuditException
{
    public CorruptBaselineException(string path, string problem, Exception? inner = null)
        : base(
            $"The baseline file '{path}' cannot be read: {problem}. Delete it and re-run with MODELAUDIT_ACCEPT=1 " +
            "(or run `modelaudit baselines accept` after the failing run) to record it again.",
            inner!)
    {
        Path = path;
        Problem = problem;
    }

    public CorruptBaselineException()
    {
        Path = string.Empty;
    }

    public CorruptBaselineException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    public CorruptBaselineException(string message, Exception inner)
        : base(message, inner)
    {
        Path = string.Empty;
    }

    /// <summary>The unreadable file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the advice.</summary>
    public string Problem { get; } = string.Empty;
}
