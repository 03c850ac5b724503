namespace ModelAudit.Reporting;

/// <summary>The report folder cannot be created or written to.</summary>
public sealed class ReportFolderException : ModelAuditException
{
    public ReportFolderException(string message)
        : base(message)
    {
    }

    public ReportFolderException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ReportFolderException()
    {
    }
}
