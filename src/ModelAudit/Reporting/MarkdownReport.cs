using System.Net;
using System.Text;

namespace ModelAudit.Reporting;

/// <summary>A Markdown summary, e.g. for <c>$GITHUB_STEP_SUMMARY</c>.</summary>
public sealed class MarkdownReport : IReportWriter
{
    public string FileName => "summary.md";

    public string Render(AuditRun run) => ToMarkdown(run);

    public static string ToMarkdown(AuditRun run)
    {
        var md = new StringBuilder();
        md.Append("## ").Append(Escape(run.Title)).Append(run.Passed ? " — passed: " : " — did not pass: ").Append(Escape(run.Summary)).Append('\n').Append('\n');
        md.Append("Model `").Append(Escape(run.Provenance.ModelName)).Append("` (sha256 `").Append(run.Provenance.ModelSha256[..12]).Append("…`), ")
          .Append(run.Provenance.ImageCount).Append(" images.\n\n");
        md.Append("| | verdict | audit | check | measured | threshold | details |\n|---|---|---|---|---|---|---|\n");
        foreach (var c in run.Checks)
        {
            md.Append("| ").Append(c.Passed ? "✅" : c.Blocks ? "❌" : "⚠️").Append(" | ").Append(Escape(c.Label)).Append(" | ").Append(Escape(c.Audit)).Append(" | ").Append(Escape(c.Name)).Append(" | ")
              .Append(c.Verdict == Verdict.NotMeasured ? "—" : AuditRun.Format(c.Measured)).Append(" | ").Append(c.Comparison == Comparison.AtLeast ? "≥ " : "≤ ").Append(AuditRun.Format(c.Threshold))
              .Append(" | ").Append(Escape(c.Details)).Append(" |\n");
        }

        return md.ToString();
    }

    /// <summary>
    /// Table-safe and inert text: Markdown renderers pass raw HTML through, so every user-supplied string (titles, class
    /// and file names) is HTML-escaped; pipes and line breaks would break the table, and control characters are shown.
    /// </summary>
    private static string Escape(string text) =>
        TextEscaping.VisibleControls(WebUtility.HtmlEncode(text)).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);
}
