using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelAudit.Snapshots;

namespace ModelAudit.Baselines;

/// <summary>
/// The JSON half of a baseline: <c>{"images": [names], "metrics": {name: number}}</c>, keys sorted ordinally, two-space
/// indent, '\n' line ends, numbers in the shortest round-trip form ("R", invariant culture), non-finite numbers as the
/// strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>. No timestamps: the same snapshot always gives the same bytes.
/// </summary>
internal static class SnapshotJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Write(IReadOnlyDictionary<string, double> metrics, IEnumerable<string> images)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("images");
            foreach (var image in images.Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(image);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("metrics");
            foreach (var (name, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                if (double.IsFinite(value))
                {
                    writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads a baseline JSON file; anything unreadable is reported as a corrupt baseline naming the file.</summary>
    public static (IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<string> Images) Read(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);

            // JsonDocument checks UTF-8 only when a string is read, and then throws InvalidOperationException: check it up front.
            _ = StrictUtf8.GetCharCount(bytes);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("metrics", out var metricsElement) || metricsElement.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("images", out var imagesElement) || imagesElement.ValueKind != JsonValueKind.Array)
            {
                throw new CorruptBaselineException(path, "expected an object with a 'metrics' object and an 'images' array");
            }

            var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in metricsElement.EnumerateObject())
            {
                metrics[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Number => property.Value.GetDouble(),
                    JsonValueKind.String when Special(property.Value.GetString()) is double special => special,
                    _ => throw new CorruptBaselineException(path, $"metric '{property.Name}' is not a number"),
                };
            }

            var images = imagesElement.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new CorruptBaselineException(path, "an image name is not a string"))
                .ToList();
            var bad = images.FirstOrDefault(i => SnapshotNameRules.Problem(i, Snapshot.MaxImageNameLength) is not null);
            return bad is null ? (metrics, images) : throw new CorruptBaselineException(path, $"image name '{bad}' is not valid");
        }
        catch (JsonException e)
        {
            throw new CorruptBaselineException(path, $"not valid JSON ({e.Message})", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new CorruptBaselineException(path, $"not valid UTF-8 text ({e.Message})", e);
        }
    }

    private static double? Special(string? text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => null,
    };
}
