using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelAudit.Invariance;

/// <summary>
/// JSON and snapshot metrics for curves. Keys are written in ordinal order by hand (not by reflection) so the file
/// is stable; numbers are rounded to 6 decimals so that last-bit float noise does not churn baselines.
/// </summary>
internal static class InvarianceJson
{
    public static string Write(InvarianceCurve curve) => Write(w => WriteCurve(w, curve));

    public static string Write(InvarianceCurveSet set) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("curves");
        foreach (var curve in set.Curves)
        {
            WriteCurve(w, curve);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Flat metrics such as <c>top1Agreement@30</c> and <c>distance.conv1@30</c>.</summary>
    public static IReadOnlyDictionary<string, double> Metrics(InvarianceCurve curve, string prefix)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in curve.Points)
        {
            var at = "@" + p.Value.ToString("0.#########", CultureInfo.InvariantCulture);
            metrics[prefix + "targetProbability" + at] = Round(p.TargetProbability);
            metrics[prefix + "targetProbabilityStd" + at] = Round(p.TargetProbabilityStd);
            metrics[prefix + "top1Agreement" + at] = Round(p.Top1Agreement);
            foreach (var (layer, d) in p.FeatureDistance)
            {
                metrics[prefix + "distance." + layer + at] = Round(d);
            }
        }

        return metrics;
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteCurve(Utf8JsonWriter w, InvarianceCurve curve)
    {
        var t = curve.Transform;
        w.WriteStartObject();
        w.WriteString("fill", t.Fill.ToString());
        w.WriteNumber("from", t.From);
        w.WriteNumber("imageCount", curve.ImageCount);
        w.WriteStartArray("layers");
        foreach (var layer in curve.Layers)
        {
            w.WriteStringValue(layer);
        }

        w.WriteEndArray();
        w.WriteString("model", curve.Model);
        w.WriteStartArray("points");
        foreach (var p in curve.Points)
        {
            w.WriteStartObject();
            w.WriteStartObject("distance");
            foreach (var layer in p.FeatureDistance.Keys.Order(StringComparer.Ordinal))
            {
                w.WriteNumber(layer, Round(p.FeatureDistance[layer]));
            }

            w.WriteEndObject();
            w.WriteNumber("targetProbability", Round(p.TargetProbability));
            w.WriteNumber("targetProbabilityStd", Round(p.TargetProbabilityStd));
            w.WriteNumber("top1Agreement", Round(p.Top1Agreement));
            w.WriteNumber("value", p.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("seed", t.Seed);
        w.WriteNumber("step", t.Step);
        w.WriteString("target", curve.TargetsFromLabels ? "label" : "predicted");
        w.WriteNumber("to", t.To);
        w.WriteString("transform", t.Name);
        w.WriteEndObject();
    }

    private static double Round(double value) => Math.Round(value, 6);
}
