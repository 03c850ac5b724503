using System.Globalization;
using System.Net;
using System.Text;

namespace ModelAudit.Reporting;

/// <summary>
/// One section of <see cref="HtmlReport"/>: its text, metrics (beside the baseline's in a comparison), tables, per-unit
/// series (folded away), and figures — before and after, each with its own caption, in a comparison.
/// </summary>
internal static class HtmlSection
{
    public static void Append(StringBuilder h, ReportSection s)
    {
        h.Append("<section id=\"").Append(Anchor("s-", s.Title)).Append("\"><h2>").Append(E(s.Title)).Append("</h2>\n<p>").Append(E(s.Summary)).Append("</p>\n");
        AppendMetrics(h, s);
        foreach (var t in s.Tables)
        {
            AppendTable(h, t);
        }

        foreach (var series in s.Series)
        {
            h.Append("<details><summary>").Append(E($"Per {series.Unit}: {series.Measure} — {series.Values.Count} {series.Title} ({series.StateCounts})")).Append("</summary>\n");
            AppendTable(h, new ReportTable("", [series.Unit, "state", series.Measure],
                series.Values.Select((v, i) => (IReadOnlyList<string>)[$"#{i}", series.States[i], AuditRun.Format(v)]).ToArray()));
            h.Append("</details>\n");
        }

        foreach (var f in s.Figures)
        {
            if (f.Before is { } before)
            {
                h.Append("<div class=\"pair\" id=\"").Append(Anchor("f-", f.Name)).Append("\">");
                AppendFigure(h, before, "baseline: ", null);
                AppendFigure(h, f, "candidate: ", null);
                h.Append("</div>\n");
            }
            else
            {
                AppendFigure(h, f, "", Anchor("f-", f.Name));
            }
        }

        h.Append("</section>\n");
    }

    private static void AppendMetrics(StringBuilder h, ReportSection s)
    {
        if (s.Metrics.Count == 0)
        {
            return;
        }

        if (s.BaselineMetrics is { } baseline)
        {
            var names = s.Metrics.Keys.Union(baseline.Keys).Order(StringComparer.Ordinal);
            AppendTable(h, new ReportTable("", ["metric", "baseline", "candidate", "Δ"], names.Select(n =>
            {
                var (had, now) = (baseline.TryGetValue(n, out var b) ? b : double.NaN, s.Metrics.TryGetValue(n, out var c) ? c : double.NaN);
                return (IReadOnlyList<string>)[n, baseline.ContainsKey(n) ? AuditRun.Format(had) : "—", s.Metrics.ContainsKey(n) ? AuditRun.Format(now) : "—", AuditRun.FormatDelta(had, now)];
            }).ToArray()), "metrics");
            return;
        }

        h.Append("<div class=\"scroll\"><table class=\"metrics\"><tbody>\n");
        foreach (var (k, v) in s.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            h.Append("<tr><th>").Append(E(k)).Append("</th><td class=\"num\">").Append(AuditRun.Format(v)).Append("</td></tr>\n");
        }

        h.Append("</tbody></table></div>\n");
    }

    public static void AppendTable(StringBuilder h, ReportTable t, string cssClass = "rows")
    {
        h.Append("<div class=\"scroll\"><table class=\"").Append(cssClass).Append("\">");
        if (t.Caption.Length > 0)
        {
            h.Append("<caption>").Append(E(t.Caption)).Append("</caption>");
        }

        h.Append("<thead><tr>");
        foreach (var c in t.Columns)
        {
            h.Append("<th>").Append(E(c)).Append("</th>");
        }

        h.Append("</tr></thead><tbody>\n");
        foreach (var row in t.Rows)
        {
            h.Append("<tr>");
            foreach (var cell in row)
            {
                h.Append(IsNumber(cell) ? "<td class=\"num\">" : "<td>").Append(E(cell)).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody></table></div>\n");
    }

    private static void AppendFigure(StringBuilder h, ReportFigure f, string label, string? id)
    {
        h.Append("<figure").Append(id is null ? "" : $" id=\"{id}\"").Append("><img alt=\"").Append(E(f.Name)).Append("\" src=\"data:image/png;base64,")
         .Append(Convert.ToBase64String(Imaging.ImageCodec.EncodePng(f.Image))).Append("\" width=\"").Append(f.Image.Width.ToString(CultureInfo.InvariantCulture))
         .Append("\" height=\"").Append(f.Image.Height.ToString(CultureInfo.InvariantCulture)).Append("\"><figcaption>");
        if (label.Length > 0)
        {
            h.Append("<b>").Append(E(label)).Append("</b>");
        }

        h.Append(E(f.Caption)).Append("</figcaption></figure>\n");
    }

    private static bool IsNumber(string cell) =>
        cell.Length > 0 && double.TryParse(cell.Replace('−', '-'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>An id made of the text's letters and digits, so sections and figures can be linked to.</summary>
    private static string Anchor(string prefix, string text) =>
        prefix + new string(text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');

    /// <summary>HTML-escaped, control characters shown: every piece of text may come from a user.</summary>
    public static string E(string text) => WebUtility.HtmlEncode(TextEscaping.VisibleControls(text));
}
