using System.Text;

namespace ModelAudit.Reporting;

/// <summary>A Markdown summary, e.g. for <c>$GITHUB_STEP_SUMMARY</c>.</summary>
public sealed class MarkdownReport : IReportWriter
{
    public string FileName => "summary.md";

    public void Write(AuditRun run, string folder) => AtomicFile.WriteText(Path.Combine(folder, FileName), ToMarkdown(run));

    public static string ToMarkdown(AuditRun run)
    {
        var md = new StringBuilder();
        md.Append("## ").Append(Escape(run.Title)).Append(run.Passed ? " — passed" : $" — {run.FailedCount} check(s) failed").Append('\n').Append('\n');
        md.Append("Model `").Append(Escape(run.Provenance.ModelName)).Append("` (sha256 `").Append(run.Provenance.ModelSha256[..12]).Append("…`), ")
          .Append(run.Provenance.ImageCount).Append(" images.\n\n");
        md.Append("| | audit | check | measured | threshold |\n|---|---|---|---|---|\n");
        foreach (var c in run.Checks)
        {
            md.Append("| ").Append(c.Passed ? "✅" : "❌").Append(" | ").Append(Escape(c.Audit)).Append(" | ").Append(Escape(c.Name)).Append(" | ")
              .Append(AuditRun.Format(c.Measured)).Append(" | ").Append(c.Comparison == Comparison.AtLeast ? "≥ " : "≤ ").Append(AuditRun.Format(c.Threshold)).Append(" |\n");
        }

        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
