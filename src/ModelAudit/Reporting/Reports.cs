namespace ModelAudit.Reporting;

/// <summary>Writes every report format into one folder.</summary>
public static class Reports
{
    public static IReadOnlyList<IReportWriter> All { get; } = [new HtmlReport(), new JsonReport(), new JUnitReport(), new MarkdownReport()];

    /// <summary>Writes HTML, JSON, JUnit XML and Markdown into <paramref name="folder"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(AuditRun run, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var writer in All)
        {
            writer.Write(run, folder);
        }

        return All.Select(w => Path.Combine(folder, w.FileName)).ToArray();
    }
}
