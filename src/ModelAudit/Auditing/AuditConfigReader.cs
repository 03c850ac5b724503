using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelAudit.Auditing;

/// <summary>Reads and validates <c>audit.json</c>. Every error names the file, the key and, for syntax, the line.</summary>
public static class AuditConfigReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
    };

    public static AuditConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditConfigException($"Config file '{path}' does not exist.");
        }

        var config = Parse(File.ReadAllText(path), path) with { BaseFolder = Path.GetDirectoryName(Path.GetFullPath(path))! };
        Validate(config, path);
        return config;
    }

    public static AuditConfig Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditConfig>(json, Options)
                ?? throw new AuditConfigException($"'{source}' is empty; it must hold a JSON object with model, input and images.");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" line {line + 1}") : "";
            var key = ex.Path is { Length: > 1 } p ? $" at {p}" : "";
            var what = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"unknown key{Quoted(ex.Message)}; check its spelling against the documented keys"
                : ex.Message.Contains("missing required", StringComparison.Ordinal) ? ex.Message.Split(" Path:")[0] : $"invalid JSON or value ({ex.Message.Split(" Path:")[0]})";
            throw new AuditConfigException($"'{source}'{where}{key}: {what}.", ex);
        }
    }

    internal static void Validate(AuditConfig c, string source)
    {
        void Fail(string key, string problem) => throw new AuditConfigException($"'{source}': {key} {problem}");
        void Range(string key, double? value, double min, double max)
        {
            if (value is { } v && (double.IsNaN(v) || v < min || v > max))
            {
                Fail(key, string.Create(CultureInfo.InvariantCulture, $"is {v}, outside [{min}, {max}]."));
            }
        }

        if (!File.Exists(c.Resolve(c.Model)))
        {
            Fail("model", $"'{c.Model}' does not exist (looked for '{c.Resolve(c.Model)}').");
        }

        if (c.Input.Channels is not ("rgb" or "bgr" or "gray"))
        {
            Fail("input.channels", $"is '{c.Input.Channels}'; use rgb, bgr or gray.");
        }

        if ((c.Images.Folder is null) == (c.Images.Generate is null))
        {
            Fail("images", "needs exactly one of 'folder' or 'generate'.");
        }

        if (c.Images.Folder is { } folder && !Directory.Exists(c.Resolve(folder)))
        {
            Fail("images.folder", $"'{folder}' does not exist (looked for '{c.Resolve(folder)}').");
        }

        var a = c.Audits;
        Range("audits.occlusion.min_mass_inside", a.Occlusion?.MinMassInside, 0, 1);
        Range("audits.occlusion.min_pointing_game", a.Occlusion?.MinPointingGame, 0, 1);
        Range("audits.occlusion.window", a.Occlusion?.Window, 1, 4096);
        Range("audits.occlusion.stride", a.Occlusion?.Stride, 1, 4096);
        Range("audits.filters.max_dead_filters", a.Filters?.MaxDeadFilters, 0, int.MaxValue);
        Range("audits.filters.max_noisy_filters", a.Filters?.MaxNoisyFilters, 0, int.MaxValue);
        Range("audits.activations.max_dead_channel_fraction", a.Activations?.MaxDeadChannelFraction, 0, 1);
        Range("audits.invariance.min_shift_agreement", a.Invariance?.MinShiftAgreement, 0, 1);
        Range("audits.embeddings.min_silhouette", a.Embeddings?.MinSilhouette, -1, 1);
        Range("audits.embeddings.min_knn_accuracy", a.Embeddings?.MinKnnAccuracy, 0, 1);
        Range("audits.gradients.min_saliency_mass_inside", a.Gradients?.MinSaliencyMassInside, 0, 1);
        Range("audits.gradients.min_grad_cam_mass_inside", a.Gradients?.MinGradCamMassInside, 0, 1);
        Range("audits.gradients.max_images", a.Gradients?.MaxImages, 1, 100_000);
        Range("audits.gradients.box_margin", a.Gradients?.BoxMargin, 0, 4096);
        Range("images.generate.count", c.Images.Generate?.Count, 1, 100_000);
    }

    private static string Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? $" '{message[(start + 1)..end]}'" : "";
    }
}
