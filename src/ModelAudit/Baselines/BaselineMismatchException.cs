namespace ModelAudit.Baselines;

/// <summary>A snapshot that does not match its approved baseline, or has none yet.</summary>
public sealed class BaselineMismatchException : ModelAuditException
{
    public BaselineMismatchException(BaselineResult result)
        : base(result.Message)
    {
        Result = result;
    }

    public BaselineMismatchException()
    {
    }

    public BaselineMismatchException(string message)
        : base(message)
    {
    }

    public BaselineMismatchException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The failed check, with its figures and files; null only when built from a bare message.</summary>
    public BaselineResult? Result { get; }
}
