using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelAudit.Invariance;

/// <summary>
/// JSON and snapshot metrics for an <see cref="EquivarianceCurve"/>, written as <see cref="InvarianceJson"/> writes
/// curves: keys in ordinal order by hand, numbers rounded to 6 decimals.
/// </summary>
internal static class EquivarianceJson
{
    public static string Write(EquivarianceCurve curve)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            WriteCurve(w, curve);
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Flat metrics such as <c>error.out@4</c>, <c>invarianceError.out@4</c> and <c>comparedFraction.out@4</c>.</summary>
    public static IReadOnlyDictionary<string, double> Metrics(EquivarianceCurve curve)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in curve.Points)
        {
            var at = "@" + p.Value.ToString("0.#########", CultureInfo.InvariantCulture);
            foreach (var (tensor, e) in p.Tensors)
            {
                metrics["comparedFraction." + tensor + at] = Round(e.ComparedFraction);
                metrics["error." + tensor + at] = Round(e.Error);
                metrics["errorStd." + tensor + at] = Round(e.ErrorStd);
                metrics["invarianceError." + tensor + at] = Round(e.InvarianceError);
                metrics["invarianceErrorStd." + tensor + at] = Round(e.InvarianceErrorStd);
            }
        }

        return metrics;
    }

    private static void WriteCurve(Utf8JsonWriter w, EquivarianceCurve curve)
    {
        var t = curve.Transform;
        w.WriteStartObject();
        w.WriteString("fill", t.Fill.ToString());
        w.WriteNumber("imageCount", curve.ImageCount);
        w.WriteNumber("inputHeight", curve.InputHeight);
        w.WriteNumber("inputWidth", curve.InputWidth);
        w.WriteNumber("margin", curve.Margin);
        w.WriteString("model", curve.Model);
        w.WriteStartArray("points");
        foreach (var p in curve.Points)
        {
            w.WriteStartObject();
            w.WriteStartObject("tensors");
            foreach (var tensor in p.Tensors.Keys.Order(StringComparer.Ordinal))
            {
                var e = p.Tensors[tensor];
                w.WriteStartObject(tensor);
                w.WriteNumber("comparedFraction", Round(e.ComparedFraction));
                w.WriteNumber("error", Round(e.Error));
                w.WriteNumber("errorStd", Round(e.ErrorStd));
                w.WriteNumber("invarianceError", Round(e.InvarianceError));
                w.WriteNumber("invarianceErrorStd", Round(e.InvarianceErrorStd));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteNumber("value", p.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("tensors");
        foreach (var tensor in curve.Tensors)
        {
            w.WriteStartObject();
            w.WriteNumber("channels", tensor.Channels);
            w.WriteNumber("height", tensor.Height);
            w.WriteString("name", tensor.Name);
            w.WriteNumber("width", tensor.Width);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("transform", t.Name);
        w.WriteEndObject();
    }

    private static double Round(double value) => Math.Round(value, 6);
}
