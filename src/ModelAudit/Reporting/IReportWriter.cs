namespace ModelAudit.Reporting;

/// <summary>Writes one report format from an <see cref="AuditRun"/>.</summary>
public interface IReportWriter
{
    /// <summary>The file the writer produces inside the report folder, e.g. <c>report.html</c>.</summary>
    string FileName { get; }

    void Write(AuditRun run, string folder);
}
