using System.Globalization;
using ModelAudit.Models;
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
        AllowDuplicateProperties = false,
    };

    public static AuditConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditConfigException($"Config file '{path}' does not exist.");
        }

        var json = File.ReadAllText(path);
        var config = Parse(json, path) with { BaseFolder = Path.GetDirectoryName(Path.GetFullPath(path))! };
        try
        {
            if (config.Classes is ClassNamesFile file)
            {
                config = config with { Classes = file.Read(config) };
            }

            Validate(config, path);
        }
        catch (AuditConfigException ex) when (ex.Key is { } key && JsonLines.LineOf(json, key) is { } line)
        {
            throw new AuditConfigException(string.Create(CultureInfo.InvariantCulture, $"'{path}' line {line}: {ex.Message.Replace($"'{path}': ", "", StringComparison.Ordinal)}"), ex) { Key = key };
        }
        catch (AuditConfigException ex) when (!ex.Message.StartsWith($"'{path}'", StringComparison.Ordinal))
        {
            throw new AuditConfigException($"'{path}': {ex.Message}", ex) { Key = ex.Key };
        }

        return config;
    }

    public static AuditConfig Parse(string json, string source)
    {
        AuditConfig config;
        try
        {
            config = JsonSerializer.Deserialize<AuditConfig>(json, Options)
                ?? throw new AuditConfigException($"'{source}' is empty; it must hold a JSON object with model, input and images.");
        }
        catch (JsonException ex)
        {
            // A section's own reader reports paths and lines from the section's start; its key says where it is.
            var sectionKey = (ex.InnerException as AuditConfigException)?.Key;
            var line = sectionKey is null ? ex.LineNumber + 1 : JsonLines.LineOf(json, sectionKey) ?? ex.LineNumber + 1;
            var where = line is { } l ? string.Create(CultureInfo.InvariantCulture, $" line {l}") : "";
            var path = sectionKey is null ? ex.Path : "$." + sectionKey;
            var key = path is { Length: > 1 } p ? $" at {p}" : "";
            var what = ex.InnerException is AuditConfigException inner ? inner.Message : Describe(ex);
            throw new AuditConfigException($"'{source}'{where}{key}: {what}.", ex) { Key = sectionKey };
        }

        return config.Input is null && !config.IsPipeline
            ? throw new AuditConfigException($"'{source}': missing required key 'input': the ONNX model's input spec (height, width, channels, mean and std or scale and offset). Only an ML.NET model (.zip) brings its own.") { Key = "model" }
            : config;
    }

    /// <summary>What a JSON error means for the person editing the config.</summary>
    internal static string Describe(JsonException ex) =>
        ex.Message.Contains("uplicate", StringComparison.Ordinal)
            ? $"key{Quoted(ex.Message)} is given twice; keep one (JSON keeps only the last, which silently drops the first)"
            : ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"unknown key{Quoted(ex.Message)}; check its spelling against the documented keys"
            : ex.Message.Contains("missing required", StringComparison.Ordinal) ? ex.Message.Split(" Path:")[0] : $"invalid JSON or value ({ex.Message.Split(" Path:")[0]})";

    internal static void Validate(AuditConfig c, string source)
    {
        void Fail(string key, string problem) => throw new AuditConfigException($"'{source}': {key} {problem}") { Key = key };

        if (!File.Exists(c.Resolve(c.Model)))
        {
            Fail("model", $"'{c.Model}' does not exist (looked for '{c.Resolve(c.Model)}').");
        }

        if (c.IsPipeline && c.Input is not null)
        {
            Fail("input", $"is given, but '{c.Model}' is an ML.NET model, whose image steps are the input spec; remove 'input' (the report shows the spec read from the pipeline).");
        }

        if (c.Engine is { } engine)
        {
            if (engine.Device is not ("cpu" or "cuda"))
            {
                Fail("engine.device", $"is '{engine.Device}'; use cpu or cuda.");
            }

            if (engine.GpuDeviceId < 0)
            {
                Fail("engine.gpu_device_id", string.Create(CultureInfo.InvariantCulture, $"is {engine.GpuDeviceId}; CUDA devices count from 0."));
            }

            if (engine.Device == "cpu" && (engine.GpuDeviceId != 0 || engine.FallbackToCpu))
            {
                Fail("engine.device", "is cpu, but gpu_device_id or fallback_to_cpu is set; they apply to device cuda.");
            }
        }

        if (c.Classes is { } classes && (classes.Count == 0 || classes.Any(string.IsNullOrWhiteSpace)))
        {
            Fail("classes", classes.Count == 0 ? "is empty; give one name per output class, in output order, or leave the key out." : "holds an empty name; give every class a name.");
        }

        if (c.Input is { } input)
        {
            if (!InputConfig.ChannelOrders.ContainsKey(input.Channels))
            {
                Fail("input.channels", $"is '{input.Channels}'; use {ConfigCheck.OneOf(InputConfig.ChannelOrders.Keys)}.");
            }

            if (ResizePolicyNames.Parse(input.Resize) is null)
            {
                Fail("input.resize", $"is '{input.Resize}'; use {ConfigCheck.OneOf(ResizePolicyNames.Names)}.");
            }

            if (input.Pad is { } pad && (pad.Length is not (1 or 3) || pad.Any(v => v is < 0 or > 255)))
            {
                Fail("input.pad", $"is [{string.Join(", ", pad)}]; give 1 grey level or 3 values (r, g, b), each 0..255.");
            }
        }

        if (c.Target is { } target)
        {
            if (!TargetConfig.Kinds.ContainsKey(target.Kind))
            {
                Fail("target.kind", $"is '{target.Kind}'; use {Explained(TargetConfig.Kinds)}.");
            }

            if (!TargetConfig.Layouts.ContainsKey(target.Layout))
            {
                Fail("target.layout", $"is '{target.Layout}'; use {Explained(TargetConfig.Layouts)}.");
            }

            if (!(target.MinIou > 0 && target.MinIou <= 1))
            {
                Fail("target.min_iou", string.Create(CultureInfo.InvariantCulture, $"is {target.MinIou}; use a number in (0, 1], e.g. 0.5."));
            }

            if (!TargetConfig.Reductions.ContainsKey(target.Reduction))
            {
                Fail("target.reduction", $"is '{target.Reduction}'; use {Explained(TargetConfig.Reductions)}.");
            }

            if (target.Channel < 0)
            {
                Fail("target.channel", $"is {target.Channel}; output channels count from 0.");
            }

            if (target.Kind == "sequence" && target.Charset is null)
            {
                Fail("target.charset", "is missing; a sequence target needs the recogniser's charset file, one character per line.");
            }

            if (target.Charset is { } charset && !File.Exists(c.Resolve(charset)))
            {
                Fail("target.charset", $"'{charset}' does not exist (looked for '{c.Resolve(charset)}').");
            }
        }

        if ((c.Images.Folder is null) == (c.Images.Generate is null))
        {
            Fail("images", "needs exactly one of 'folder' or 'generate'.");
        }

        if (c.Images.Folder is { } folder && !Directory.Exists(c.Resolve(folder)))
        {
            Fail("images.folder", $"'{folder}' does not exist (looked for '{c.Resolve(folder)}').");
        }

        try
        {
            new ConfigCheck("images.generate").Range("count", c.Images.Generate?.Count, 1, 100_000);
            if (c.Images.Generate?.MarkPlacement is { } placement && !GeneratedSetConfig.MarkPlacements.ContainsKey(placement))
            {
                new ConfigCheck("images.generate").Fail("mark_placement", $"is '{placement}'; use {ConfigCheck.OneOf(GeneratedSetConfig.MarkPlacements.Keys)}.");
            }

            if (c.Images.Generate?.ObjectFill is { } fill && !GeneratedSetConfig.ObjectFills.ContainsKey(fill))
            {
                new ConfigCheck("images.generate").Fail("object_fill", $"is '{fill}'; use {ConfigCheck.OneOf(GeneratedSetConfig.ObjectFills.Keys)}.");
            }

            if (c.Input is not null)
            {
                ValidateInput(c.Input);
            }

            c.Methods.Validate(c.Input);

            var gates = 0;
            foreach (var section in c.Audits)
            {
                var check = new ConfigCheck($"audits.{AuditRegistry.Of(section).Name}", c.Input);
                section.Validate(check);
                gates += check.Gates;
            }

            if (gates == 0)
            {
                throw new AuditConfigException(c.Audits.Count == 0
                    ? $"nothing to audit: 'audits' names no audit; add one or more of {AuditRegistry.Names} with a threshold, e.g. \"occlusion\": {{ \"min_mass_inside\": 0.5 }}."
                    : $"nothing to audit: no threshold is set in {string.Join(", ", c.Audits.Select(s => $"audits.{AuditRegistry.Of(s).Name}"))}, so no check could fail; set one, e.g. audits.{AuditRegistry.Of(c.Audits.First()).Name}.{FirstThreshold(c.Audits.First())}.")
                { Key = "audits" };
            }
        }
        catch (AuditConfigException ex) when (ex.Key is not null)
        {
            throw new AuditConfigException($"'{source}': {ex.Message}", ex) { Key = ex.Key };
        }
    }

    /// <summary>The input spec's numbers: positive sizes, one value or one per channel, std and scale non-zero and finite.</summary>
    private static void ValidateInput(InputConfig input)
    {
        var check = new ConfigCheck("input", input);
        check.Range("height", input.Height, 1, 16_384);
        check.Range("width", input.Width, 1, 16_384);
        var channels = input.Channels == "gray" ? 1 : 3;
        foreach (var (name, values, rule) in new[] { ("mean", input.Mean, ""), ("std", input.Std, "positive"), ("scale", input.Scale, "non-zero"), ("offset", input.Offset, "") })
        {
            if (values is null)
            {
                continue;
            }

            if (values.Length != 1 && values.Length != channels)
            {
                check.Fail(name, string.Create(CultureInfo.InvariantCulture, $"has {values.Length} values; give 1 (for every channel) or {channels} (one per {input.Channels} channel)."));
            }

            var bad = values.Where(v => !float.IsFinite(v) || (rule == "positive" && v <= 0) || (rule == "non-zero" && v == 0)).ToArray();
            if (bad.Length > 0)
            {
                check.Fail(name, string.Create(CultureInfo.InvariantCulture, $"contains {bad[0]}; every value must be a finite{(rule.Length > 0 ? " " + rule : "")} number{(rule.Length > 0 ? " (the pixels are divided or multiplied by it)" : "")}."));
            }
        }

        if ((input.Mean is not null || input.Std is not null) && (input.Scale is not null || input.Offset is not null))
        {
            check.Fail("scale", "is given together with mean/std; give either mean and std (on 0..1 pixels) or scale and offset (on 0..255 pixels).");
        }
    }

    /// <summary>Each name with what it is for: <c>"a" (what a is) or "b" (what b is)</c>.</summary>
    private static string Explained(IReadOnlyDictionary<string, string> names)
    {
        var each = names.Select(n => $"\"{n.Key}\" ({n.Value})").ToArray();
        return $"{string.Join(", ", each[..^1])} or {each[^1]}";
    }

    private static string FirstThreshold(AuditSection section) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(section.GetType().GetProperties()
            .First(p => (p.Name.StartsWith("Min", StringComparison.Ordinal) || p.Name.StartsWith("Max", StringComparison.Ordinal)) && Nullable.GetUnderlyingType(p.PropertyType) is not null).Name);

    private static string Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? $" '{message[(start + 1)..end]}'" : "";
    }
}
