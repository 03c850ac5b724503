using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelAudit.Reporting;

/// <summary>
/// The full audit record as JSON (pictures as file names in the HTML; numbers invariant, keys sorted). The stage
/// timings sit apart under <c>timings</c>: wall time differs from run to run, so it is never among the checks or the
/// section metrics that baselines read.
/// </summary>
public sealed class JsonReport : IReportWriter
{
    public string FileName => "report.json";

    public string Render(AuditRun run) => ToJson(run);

    public static string ToJson(AuditRun run)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (run.Baseline is { } baseline)
            {
                json.WriteStartObject("baseline");
                json.WriteString("model", baseline.Provenance.ModelName);
                json.WriteString("model_sha256", baseline.Provenance.ModelSha256);
                json.WriteBoolean("passed", baseline.Passed);
                json.WriteString("summary", baseline.Summary);
                json.WriteEndObject();
            }

            json.WriteStartArray("checks");
            foreach (var c in run.Checks)
            {
                json.WriteStartObject();
                json.WriteString("audit", c.Audit);
                if (run.Baseline is { } compared && RunComparison.Match(compared, c) is { } before)
                {
                    Number(json, "baseline_measured", before.Measured);
                    json.WriteString("baseline_verdict", before.Token);
                }

                json.WriteString("comparison", c.Comparison == Comparison.AtLeast ? "at_least" : "at_most");
                json.WriteBoolean("allow_inconclusive", c.AllowInconclusive);
                json.WriteString("details", c.Details);
                Number(json, "measured", c.Measured);

                json.WriteString("name", c.Name);
                json.WriteBoolean("passed", c.Passed);
                json.WriteNumber("threshold", c.Threshold);
                json.WriteString("verdict", c.Token);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("passed", run.Passed);
            json.WriteString("summary", run.Summary);
            json.WriteStartObject("provenance");
            var p = run.Provenance;
            json.WriteNumber("image_count", p.ImageCount);
            json.WriteString("image_set_sha256", p.ImageSetSha256);
            json.WriteString("input_spec", p.InputSpec);
            json.WriteString("model", p.ModelName);
            json.WriteString("model_sha256", p.ModelSha256);
            json.WriteString("modelaudit_version", p.ModelAuditVersion);
            json.WriteString("run_at", p.RunAt.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartObject("settings");
            foreach (var (k, v) in p.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                json.WriteString(k, v);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("sections");
            foreach (var s in run.Sections)
            {
                json.WriteStartObject();
                if (s.BaselineMetrics is { } baselineMetrics)
                {
                    json.WriteStartObject("baseline_metrics");
                    foreach (var (k, v) in baselineMetrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                    {
                        json.WriteNumber(k, double.IsFinite(v) ? v : 0);
                    }

                    json.WriteEndObject();
                }

                json.WriteStartArray("figures");
                foreach (var f in s.Figures)
                {
                    json.WriteStringValue(f.Name);
                }

                json.WriteEndArray();
                json.WriteStartObject("metrics");
                foreach (var (k, v) in s.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    json.WriteNumber(k, double.IsFinite(v) ? v : 0);
                }

                json.WriteEndObject();
                json.WriteStartArray("series");
                foreach (var series in s.Series)
                {
                    json.WriteStartObject();
                    json.WriteString("measure", series.Measure);
                    json.WriteStartArray("states");
                    series.States.ToList().ForEach(json.WriteStringValue);
                    json.WriteEndArray();
                    json.WriteString("title", series.Title);
                    json.WriteString("unit", series.Unit);
                    json.WriteStartArray("values");
                    foreach (var v in series.Values)
                    {
                        json.WriteNumberValue(double.IsFinite(v) ? v : 0);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("summary", s.Summary);
                json.WriteStartArray("tables");
                foreach (var t in s.Tables)
                {
                    json.WriteStartObject();
                    json.WriteString("caption", t.Caption);
                    json.WriteStartArray("columns");
                    t.Columns.ToList().ForEach(json.WriteStringValue);
                    json.WriteEndArray();
                    json.WriteStartArray("rows");
                    foreach (var row in t.Rows)
                    {
                        json.WriteStartArray();
                        row.ToList().ForEach(json.WriteStringValue);
                        json.WriteEndArray();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("title", s.Title);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("timings");
            foreach (var t in run.Timings)
            {
                json.WriteStartObject();
                json.WriteNumber("backward_passes", t.BackwardPasses);
                json.WriteNumber("forward_passes", t.ForwardPasses);
                json.WriteString("stage", t.Stage);
                json.WriteNumber("wall_seconds", Math.Round(t.WallTime.TotalSeconds, 3));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("title", run.Title);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
