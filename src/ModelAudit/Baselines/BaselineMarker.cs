using System.Text.Json;

namespace ModelAudit.Baselines;

/// <summary>
/// <c>modelaudit.json</c>: marks a project's folder. Empty or <c>{}</c> keeps the baselines in <c>baselines/</c> beside
/// it; <c>{ "baselines": "path" }</c> names another folder, relative to the marker.
/// </summary>
internal static class BaselineMarker
{
    public const string FileName = "modelaudit.json";

    /// <summary>The baselines folder the marker in <paramref name="folder"/> names.</summary>
    public static string Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var text = File.ReadAllText(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Path.Combine(folder, "baselines");
        }

        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, "it must be a JSON object such as {} or { \"baselines\": \"baselines\" }");
            }

            var baselines = "baselines";
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name != "baselines")
                {
                    throw Bad(path, $"key '{property.Name}' is not known; the only key is \"baselines\" (a folder relative to this file)");
                }

                baselines = property.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(property.Value.GetString())
                    ? property.Value.GetString()!
                    : throw Bad(path, "\"baselines\" must be a non-empty folder path, relative to this file");
            }

            return Path.GetFullPath(Path.Combine(folder, baselines));
        }
        catch (JsonException e)
        {
            throw Bad(path, $"it is not valid JSON ({e.Message})");
        }
    }

    private static ModelAuditException Bad(string path, string why) => new($"'{path}' marks where baselines live, but {why}.");
}
