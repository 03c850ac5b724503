namespace ModelAudit.Reporting;

/// <summary>One report format of an <see cref="AuditRun"/>; <see cref="Reports.WriteAll"/> writes them all into a folder as one set.</summary>
public interface IReportWriter
{
    /// <summary>The file the writer produces inside the report folder, e.g. <c>report.html</c>.</summary>
    string FileName { get; }

    /// <summary>The report's text.</summary>
    string Render(AuditRun run);
}
