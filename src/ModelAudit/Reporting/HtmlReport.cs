using System.Globalization;
using System.Text;

namespace ModelAudit.Reporting;

/// <summary>
/// A self-contained HTML report: pictures embedded as PNG data URIs, no scripts, no external files.
/// Every piece of text is HTML-escaped, since class names and file names come from users.
/// </summary>
public sealed class HtmlReport : IReportWriter
{
    // Pictures shrink to the page but keep their aspect (height:auto beside the width and height attributes); wide
    // tables scroll in their own box rather than widening the page, so a phone shows text at its size. 1320 px fits the
    // widest figure (three 420-px plot panels) at its own size, so no text in a picture is scaled down on a desktop.
    private const string Style = """
        body{font-family:DejaVu Sans,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;max-width:1320px;color:#222;padding:0 1em}
        h1{font-size:1.6em;margin-bottom:.2em;overflow-wrap:anywhere} h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em;overflow-wrap:anywhere}
        p{max-width:75em} .scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;margin:.6em 0} caption{text-align:left;font-weight:600;padding:.2em 0} th,td{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
        th{background:#f4f4f4} td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap} td.long{overflow-wrap:anywhere;min-width:14em}
        .pass{color:#137333;font-weight:bold} .fail{color:#b3261e;font-weight:bold} .allowed{color:#8a5a00;font-weight:bold}
        .verdict{font-size:1.2em;padding:.5em .8em;border-radius:4px;display:inline-block}
        .verdict.pass{background:#e6f4ea} .verdict.fail{background:#fce8e6} .was{color:#666}
        details{margin:.6em 0} summary{cursor:pointer}
        figure{display:inline-block;margin:.5em 1em .5em 0;vertical-align:top;max-width:100%} figcaption{font-size:.9em;color:#444;max-width:42em}
        .pair{display:flex;flex-wrap:wrap;gap:0 1em;align-items:flex-start;border-left:3px solid #ddd;padding-left:.6em;margin:.6em 0} .pair figure{margin:.3em 0}
        img{image-rendering:pixelated;border:1px solid #ddd;max-width:100%;height:auto;box-sizing:border-box}
        @media (max-width:700px){body{margin:1em auto;padding:0 .6em} figure{margin-right:0} img{image-rendering:auto}
          #summary thead{display:none} #summary,#summary tbody,#summary tr,#summary td{display:block} #summary tr{border:1px solid #ddd;margin:.5em 0;padding:.2em 0}
          #summary td{border:none;padding:.1em .5em;text-align:left;white-space:normal;min-width:0} #summary td[data-label]::before{content:attr(data-label) ": ";color:#666;font-weight:normal}}
        """;

    public string FileName => "report.html";

    public string Render(AuditRun run) => ToHtml(run);

    public static string ToHtml(AuditRun run)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
         .Append(E(run.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        h.Append("<h1>").Append(E(run.Title)).Append("</h1>\n");
        h.Append("<p class=\"verdict ").Append(run.Passed ? "pass" : "fail").Append("\">").Append(E(Capitalised(run.Summary))).Append("</p>\n");
        if (run.Baseline is { } baseline)
        {
            h.Append("<p>Baseline ").Append(E(baseline.Provenance.ModelName)).Append(": ").Append(E(baseline.Summary)).Append(".</p>\n");
        }

        AppendChecks(h, run);
        foreach (var s in run.Sections)
        {
            HtmlSection.Append(h, s);
        }

        AppendTimings(h, run.Timings);
        AppendProvenance(h, run.Provenance, run.Baseline?.Provenance);
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void AppendChecks(StringBuilder h, AuditRun run)
    {
        var compared = run.Baseline is not null;
        h.Append("<h2>Checks</h2>\n<div class=\"scroll\"><table id=\"summary\"><thead><tr><th>result</th><th>audit</th><th>check</th>")
         .Append(compared ? "<th>baseline</th><th>candidate</th><th>Δ</th>" : "<th>measured</th>").Append("<th>threshold</th><th>details</th></tr></thead><tbody>\n");
        foreach (var c in run.Checks)
        {
            // data-label names each cell where a narrow screen shows a check as a card instead of a table row.
            h.Append("<tr class=\"").Append(c.Token).Append("\"><td class=\"").Append(c.Passed ? "pass" : c.Blocks ? "fail" : "allowed").Append("\">").Append(E(c.Label))
             .Append("</td><td>").Append(E(c.Audit)).Append("</td><td>").Append(E(c.Name)).Append("</td>");
            if (run.Baseline is { } baseline)
            {
                var before = RunComparison.Match(baseline, c);
                h.Append("<td class=\"num\" data-label=\"baseline\">").Append(before is null ? "—" : E($"{Measured(before)} ({before.Label})"))
                 .Append("</td><td class=\"num\" data-label=\"candidate\">").Append(Measured(c))
                 .Append("</td><td class=\"num\" data-label=\"Δ\">").Append(before is null ? "—" : AuditRun.FormatDelta(before.Measured, c.Measured)).Append("</td>");
            }
            else
            {
                h.Append("<td class=\"num\" data-label=\"measured\">").Append(Measured(c)).Append("</td>");
            }

            h.Append("<td class=\"num\" data-label=\"threshold\">").Append(c.Comparison == Comparison.AtLeast ? "≥ " : "≤ ").Append(AuditRun.Format(c.Threshold))
             .Append("</td><td class=\"long\">").Append(E(c.Details));
            if (run.Baseline is { } earlier && RunComparison.Match(earlier, c) is { Details.Length: > 0 } was && was.Details != c.Details)
            {
                h.Append("<br><span class=\"was\">baseline: ").Append(E(was.Details)).Append("</span>");
            }

            h.Append("</td></tr>\n");
        }

        h.Append("</tbody></table></div>\n");
    }

    private static void AppendTimings(StringBuilder h, IReadOnlyList<StageTiming> timings)
    {
        if (timings.Count == 0)
        {
            return;
        }

        h.Append("<h2>Run time</h2>\n<p>Wall time of each stage on this machine, and the images each ran through the model (a forward pass each; ")
         .Append("gradient methods run a backward pass too; incremental occlusion's partial passes are not counted).</p>\n");
        HtmlSection.AppendTable(h, new ReportTable("", ["stage", "wall time (s)", "forward passes", "backward passes"], timings.Select(t => (IReadOnlyList<string>)
            [t.Stage, t.WallTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), t.ForwardPasses.ToString(CultureInfo.InvariantCulture), t.BackwardPasses.ToString(CultureInfo.InvariantCulture)]).ToArray()), "timings");
    }

    private static void AppendProvenance(StringBuilder h, Provenance p, Provenance? baseline)
    {
        h.Append("<h2>Provenance</h2>\n<div class=\"scroll\"><table id=\"provenance\"><tbody>\n");
        void Row(string k, string v) => h.Append("<tr><th>").Append(E(k)).Append("</th><td class=\"long\">").Append(E(v)).Append("</td></tr>\n");
        Row("model", p.ModelName);
        Row("model sha256", p.ModelSha256);
        if (baseline is not null)
        {
            Row("baseline model", baseline.ModelName);
            Row("baseline model sha256", baseline.ModelSha256);
        }

        Row("input spec", p.InputSpec);
        Row("images", p.ImageCount.ToString(CultureInfo.InvariantCulture));
        Row("image set sha256", p.ImageSetSha256);
        Row("ModelAudit version", p.ModelAuditVersion);
        Row("run at (UTC)", p.RunAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        foreach (var (k, v) in p.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Row(k, v);
        }

        h.Append("</tbody></table></div>\n");
    }

    private static string Measured(CheckResult c) => c.Verdict == Verdict.NotMeasured ? "—" : AuditRun.Format(c.Measured);

    private static string E(string text) => HtmlSection.E(text);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
