namespace ModelAudit.Reporting;

/// <summary>Writes every report format into one folder, as one set.</summary>
public static class Reports
{
    public static IReadOnlyList<IReportWriter> All { get; } = [new HtmlReport(), new JsonReport(), new JUnitReport(), new MarkdownReport()];

    /// <summary>The files a report folder holds: those of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> FileNames => All.Select(w => w.FileName).ToArray();

    /// <summary>
    /// Writes HTML, JSON, JUnit XML and Markdown into <paramref name="folder"/>; returns the paths written. Every report
    /// is rendered before any file is touched, and an earlier run's reports are removed first, so a run that fails
    /// part-way never leaves its reports mixed with another run's.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(AuditRun run, string folder)
    {
        var texts = All.Select(w => (w.FileName, Text: w.Render(run))).ToArray();
        Clear(folder);
        foreach (var (file, text) in texts)
        {
            AtomicFile.WriteText(Path.Combine(folder, file), text);
        }

        return texts.Select(t => Path.Combine(folder, t.FileName)).ToArray();
    }

    /// <summary>
    /// Makes <paramref name="folder"/> (creating it) and removes an earlier run's reports from it, so that nothing stale
    /// is left if this run fails; fails early, naming the folder, when it cannot be written to.
    /// </summary>
    public static void Clear(string folder, params string[] more)
    {
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var file in FileNames.Concat(more))
            {
                File.Delete(Path.Combine(folder, file));
            }

            var probe = Path.Combine(folder, $".modelaudit-write-check-{Environment.ProcessId}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ReportFolderException($"Cannot write reports to '{folder}': {ex.Message} Choose another --out folder or fix its permissions.", ex);
        }
    }
}
