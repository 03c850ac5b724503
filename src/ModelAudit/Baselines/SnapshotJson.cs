using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelAudit.Snapshots;

namespace ModelAudit.Baselines;

/// <summary>
/// The JSON half of a baseline: <c>{"images": {name: {"png": file, "sha256": hex}}, "metrics": {name: number}}</c>,
/// keys sorted ordinally, two-space indent, '\n' line ends, numbers in the shortest round-trip form ("R", invariant
/// culture), non-finite numbers as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>. No timestamps:
/// the same snapshot always gives the same bytes. The JSON names the exact pictures of its set, so replacing the JSON
/// replaces the whole set at once. The earlier layout, <c>"images": [names]</c>, is still read.
/// </summary>
internal static class SnapshotJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Write(IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, BaselineImageFile> images)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("images");
            foreach (var (image, file) in images.OrderBy(i => i.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(image);
                writer.WriteString("png", file.File);
                writer.WriteString("sha256", file.Sha256 ?? throw new ArgumentException($"The picture of image '{image}' has no hash.", nameof(images)));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
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

    /// <summary>
    /// Parses the <paramref name="kind"/> JSON of <paramref name="files"/> from <paramref name="bytes"/>; anything
    /// unreadable, and any picture file that is not one of this baseline's, is reported as a corrupt baseline naming the file.
    /// </summary>
    public static BaselineSet Parse(byte[] bytes, BaselineFiles files, string kind)
    {
        var path = files.Json(kind);
        try
        {
            // JsonDocument checks UTF-8 only when a string is read, and then throws InvalidOperationException: check it up front.
            _ = StrictUtf8.GetCharCount(bytes);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("metrics", out var metricsElement) || metricsElement.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("images", out var imagesElement) || imagesElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                throw new CorruptBaselineException(path, "expected an object with a 'metrics' object and an 'images' object");
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

            var images = imagesElement.ValueKind == JsonValueKind.Array ? Legacy(imagesElement, files, kind) : Images(imagesElement, files, path);
            var bad = images.Keys.FirstOrDefault(i => SnapshotNameRules.Problem(i, Snapshot.MaxImageNameLength) is not null);
            return bad is null ? new BaselineSet(metrics, images) : throw new CorruptBaselineException(path, $"image name '{bad}' is not valid");
        }
        catch (JsonException e)
        {
            throw new CorruptBaselineException(path, $"not valid JSON ({e.Message})", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new CorruptBaselineException(path, $"not valid UTF-8 text ({e.Message})", e);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
        {
            throw new CorruptBaselineException(path, $"an image entry needs the strings 'png' and 'sha256' ({e.Message})", e);
        }
    }

    private static SortedDictionary<string, BaselineImageFile> Images(JsonElement element, BaselineFiles files, string path)
    {
        var images = new SortedDictionary<string, BaselineImageFile>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var png = property.Value.GetProperty("png").GetString() ?? string.Empty;
            var sha = property.Value.GetProperty("sha256").GetString() ?? string.Empty;

            // The JSON chooses which file is read: only a plain file name of this baseline's image may be named.
            if (!png.StartsWith($"{files.Name}#{property.Name}.", StringComparison.Ordinal) || !png.EndsWith(".png", StringComparison.Ordinal)
                || png.Contains('/') || png.Contains('\\') || png.Contains("..", StringComparison.Ordinal))
            {
                throw new CorruptBaselineException(path, $"image '{property.Name}' names the file '{png}', which is not a picture of this baseline");
            }

            if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
            {
                throw new CorruptBaselineException(path, $"image '{property.Name}' has '{sha}' as its SHA-256, which is not 64 lower-case hex digits");
            }

            images[property.Name] = new BaselineImageFile(png, sha);
        }

        return images;
    }

    private static SortedDictionary<string, BaselineImageFile> Legacy(JsonElement element, BaselineFiles files, string kind)
    {
        var images = new SortedDictionary<string, BaselineImageFile>(StringComparer.Ordinal);
        foreach (var name in element.EnumerateArray().Select(e => e.GetString()!))
        {
            images[name] = new BaselineImageFile(files.ImageFile(name, kind), null);
        }

        return images;
    }

    private static double? Special(string? text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => null,
    };
}
