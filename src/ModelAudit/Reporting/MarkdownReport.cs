using System.Globalization;
using System.Net;
using System.Text;

namespace ModelAudit.Reporting;

/// <summary>
/// A Markdown summary, e.g. for <c>$GITHUB_STEP_SUMMARY</c>. For a comparison (<see cref="AuditRun.Baseline"/>) every
/// check shows the baseline's value, the candidate's and the difference, followed by the metrics that moved and the
/// tables of what changed.
/// </summary>
public sealed class MarkdownReport : IReportWriter
{
    public string FileName => "summary.md";

    public string Render(AuditRun run) => ToMarkdown(run);

    public static string ToMarkdown(AuditRun run)
    {
        var md = new StringBuilder();
        md.Append("## ").Append(Escape(run.Title)).Append(run.Passed ? " — passed: " : " — did not pass: ").Append(Escape(run.Summary)).Append('\n').Append('\n');
        md.Append("Model `").Append(Escape(run.Provenance.ModelName)).Append("` (sha256 `").Append(run.Provenance.ModelSha256[..12]).Append("…`), ")
          .Append(run.Provenance.ImageCount).Append(" images.");
        if (run.Baseline is { } baseline)
        {
            md.Append(" Baseline `").Append(Escape(baseline.Provenance.ModelName)).Append("` (sha256 `").Append(baseline.Provenance.ModelSha256[..12]).Append("…`): ")
              .Append(Escape(baseline.Summary)).Append('.');
        }

        md.Append("\n\n");
        AppendChecks(md, run);
        if (run.Baseline is not null)
        {
            AppendChanges(md, run);
        }

        if (run.Timings.Count > 0)
        {
            md.Append("\nRun time: ").Append(string.Join(", ", run.Timings.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"{Escape(t.Stage)} {t.WallTime.TotalSeconds:0.0} s{(t.ForwardPasses > 0 ? $" ({t.ForwardPasses} forward passes)" : "")}")))).Append(".\n");
        }

        return md.ToString();
    }

    private static void AppendChecks(StringBuilder md, AuditRun run)
    {
        var compared = run.Baseline;
        md.Append(compared is null
            ? "| | verdict | audit | check | measured | threshold | details |\n|---|---|---|---|---|---|---|\n"
            : "| | verdict | audit | check | baseline | candidate | Δ | threshold | details |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var c in run.Checks)
        {
            md.Append("| ").Append(c.Passed ? "✅" : c.Blocks ? "❌" : "⚠️").Append(" | ").Append(Escape(c.Label)).Append(" | ").Append(Escape(c.Audit)).Append(" | ").Append(Escape(c.Name)).Append(" | ");
            if (compared is not null)
            {
                var before = RunComparison.Match(compared, c);
                md.Append(before is null ? "—" : $"{Measured(before)} ({Escape(before.Label)})").Append(" | ").Append(Measured(c)).Append(" | ")
                  .Append(before is null ? "—" : AuditRun.FormatDelta(before.Measured, c.Measured)).Append(" | ");
            }
            else
            {
                md.Append(Measured(c)).Append(" | ");
            }

            md.Append(c.Comparison == Comparison.AtLeast ? "≥ " : "≤ ").Append(AuditRun.Format(c.Threshold)).Append(" | ").Append(Escape(c.Details));
            if (compared is not null && RunComparison.Match(compared, c) is { Details.Length: > 0 } was && was.Details != c.Details)
            {
                md.Append(" — baseline: ").Append(Escape(was.Details));
            }

            md.Append(" |\n");
        }
    }

    /// <summary>The metrics that moved, section by section, and the first section's tables (what changed, unit by unit).</summary>
    private static void AppendChanges(StringBuilder md, AuditRun run)
    {
        var moved = run.Sections.Where(s => s.BaselineMetrics is not null).SelectMany(s => s.Metrics
            .Where(m => s.BaselineMetrics!.TryGetValue(m.Key, out var b) && AuditRun.FormatDelta(b, m.Value) is not ("0" or "—"))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => (Section: s.Title, m.Key, Before: s.BaselineMetrics![m.Key], After: m.Value))).ToArray();
        md.Append("\n### Metrics that changed\n\n");
        if (moved.Length == 0)
        {
            md.Append("None.\n");
        }
        else
        {
            // Collapsed: GitHub renders <details>, and the checks above already carry the gated numbers.
            md.Append("<details><summary>").Append(moved.Length).Append(" of ").Append(run.Sections.Sum(s => s.Metrics.Count)).Append(" metrics changed</summary>\n\n");
            md.Append("| section | metric | baseline | candidate | Δ |\n|---|---|---|---|---|\n");
            foreach (var m in moved)
            {
                md.Append("| ").Append(Escape(m.Section)).Append(" | ").Append(Escape(m.Key)).Append(" | ").Append(AuditRun.Format(m.Before)).Append(" | ")
                  .Append(AuditRun.Format(m.After)).Append(" | ").Append(AuditRun.FormatDelta(m.Before, m.After)).Append(" |\n");
            }

            md.Append("\n</details>\n");
        }

        foreach (var table in run.Sections.Count > 0 ? run.Sections[0].Tables : [])
        {
            md.Append("\n### ").Append(Escape(table.Caption)).Append("\n\n| ").Append(string.Join(" | ", table.Columns.Select(Escape))).Append(" |\n|")
              .Append(string.Concat(table.Columns.Select(_ => "---|"))).Append('\n');
            foreach (var row in table.Rows)
            {
                md.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
            }
        }
    }

    private static string Measured(CheckResult c) => c.Verdict == Verdict.NotMeasured ? "—" : AuditRun.Format(c.Measured);

    /// <summary>
    /// Table-safe and inert text: Markdown renderers pass raw HTML through, so every user-supplied string (titles, class
    /// and file names) is HTML-escaped; pipes and line breaks would break the table, and control characters are shown.
    /// </summary>
    private static string Escape(string text) =>
        TextEscaping.VisibleControls(WebUtility.HtmlEncode(text)).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);
}
