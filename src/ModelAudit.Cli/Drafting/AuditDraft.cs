using System.Text.Json.Nodes;
using ModelAudit.Auditing;
using ModelAudit.Models;

namespace ModelAudit.Cli.Drafting;

/// <summary>
/// A first <c>audit.json</c> for a model, from what <c>inspect</c> knows: the input spec (<see cref="InputGuess"/>),
/// the target its first output suggests, the first conv, the trunk's ReLUs, the penultimate tensor, and every audit
/// that can measure this kind of model with its thresholds at the values the reference lists as "init". What was
/// guessed is said in <see cref="Notes"/>, which the file carries as <c>_notes</c>.
/// </summary>
internal sealed record AuditDraft(JsonObject Config, IReadOnlyList<string> Notes)
{
    /// <summary>Drafts the config for <paramref name="modelPath"/>, written to <paramref name="outPath"/> (paths are made relative to its folder).</summary>
    public static AuditDraft For(string modelPath, string outPath, string? imagesPath)
    {
        var graph = ModelGraph.Load(modelPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        var input = InputGuess.For(graph, modelPath);
        var notes = new List<string>(input.Notes);
        var images = imagesPath ?? Path.Combine(folder, "images");
        var facts = ImageFolderFacts.Of(images);
        if (imagesPath is null || !facts.HasLabels)
        {
            var where = imagesPath is null ? "images/ beside this file" : $"'{Relative(folder, images)}'";
            var state = !facts.Exists ? ", which does not exist yet" : !facts.HasLabels ? ", which has no labels.csv yet" : "";
            notes.Add($"images.folder: {where}{state}: PNG or JPEG images with a labels.csv (file,label[,x,y,width,height][,mask]); `modelaudit shapes --out images` writes a sample set.");
        }

        var config = new JsonObject
        {
            ["$schema"] = ConfigReference.SchemaUrl,
            ["_notes"] = null,
            ["model"] = Relative(folder, modelPath),
            ["input"] = input.Input,
            ["images"] = new JsonObject { ["folder"] = Relative(folder, images) },
        };
        if (facts.ClassesFile is { } classesFile)
        {
            config["classes"] = Relative(folder, classesFile);
        }
        else if (input.ClassNames is { } names)
        {
            config["classes"] = new JsonArray(names.Select(n => (JsonNode)n).ToArray());
        }

        var output = graph.Outputs[0];
        var kind = TargetSuggestion.KindFor(output);
        if (graph.Outputs.Count > 1)
        {
            notes.Add($"target.output: the model has {graph.Outputs.Count} outputs ({string.Join(", ", graph.Outputs.Select(o => o.Name))}); the audits read the first, '{output.Name}'. Set target.output to read another.");
        }

        switch (kind)
        {
            case "class":
                if (config["classes"] is null)
                {
                    notes.Add("classes: not set, so reports name classes by index; give the names in output order, as a list or a text file with one a line (\"classes\": \"classes.txt\").");
                }

                break;
            case "sequence":
                config["target"] = new JsonObject { ["kind"] = "sequence", ["charset"] = "charset.txt" };
                notes.Add($"target: output {output} reads as a CTC sequence; target.charset must name the recogniser's charset file (one character per line) before the audit runs.");
                break;
            case { } other:
                config["target"] = other == "dense" ? new JsonObject { ["kind"] = "dense", ["channel"] = 0 } : new JsonObject { ["kind"] = other };
                notes.Add($"target: output {output} reads as {(other == "dense" ? "a map: the audits watch the mean of channel 0 inside each image's box or mask" : "detections: the audits watch the best detection overlapping each image's box")}.");
                break;
            default:
                notes.Add($"target: no built-in target reads output {output}; audits that score the model need a CustomTarget from C#. Only weight and activation audits are drafted.");
                break;
        }

        config["audits"] = Audits(graph, input, kind, facts, notes);
        notes.Add("thresholds: starting points (docs/config.md lists each as \"init\"); run once, read the report, then set them from your model's numbers.");
        config["_notes"] = new JsonArray(notes.Select(n => (JsonNode)n).ToArray());
        return new AuditDraft(config, notes);
    }

    private static JsonObject Audits(ModelGraph graph, InputGuess input, string? kind, ImageFolderFacts facts, List<string> notes)
    {
        var side = Math.Min(input.Input["height"]!.GetValue<int>(), input.Input["width"]!.GetValue<int>());
        var window = Math.Max(4, side / 8);
        var sections = new Dictionary<Type, JsonObject>();
        if (kind is not null && facts.HasBoxes)
        {
            sections[typeof(OcclusionConfig)] = new JsonObject { ["window"] = window, ["stride"] = Math.Max(1, window / 2) };
            sections[typeof(GradientsConfig)] = [];
        }
        else if (kind is not null)
        {
            notes.Add($"audits.occlusion, audits.gradients: left out, because {facts.NoBoxesReason}; both measure how much evidence lies inside each image's box.");
        }

        if (graph.ConvLayers is [{ HasKnownWeights: true } conv, ..])
        {
            sections[typeof(FiltersConfig)] = new JsonObject { ["layer"] = conv.NodeName };
        }
        else
        {
            notes.Add("audits.filters: left out: the model has no convolution with stored weights.");
        }

        if (DraftLayers.Relus(graph) is { Count: > 0 } relus)
        {
            sections[typeof(ActivationsConfig)] = new JsonObject { ["layers"] = new JsonArray(relus.Select(r => (JsonNode)r).ToArray()) };
        }
        else
        {
            notes.Add("audits.activations: left out: no ReLU over a spatial map was found; name the layers to watch (`modelaudit inspect MODEL` lists them).");
        }

        if (kind == "class")
        {
            sections[typeof(InvarianceConfig)] = new JsonObject { ["shift_range"] = 8, ["gate_shift"] = 4, ["rotation_range"] = 0 };
            if (graph.PenultimateTensor is { } penultimate)
            {
                sections[typeof(EmbeddingsConfig)] = new JsonObject { ["layer"] = penultimate };
            }

            sections[typeof(ShortcutConfig)] = [];
            sections[typeof(FaithfulnessConfig)] = new JsonObject { ["methods"] = new JsonArray("saliency", "grad_cam") };
        }
        else if (kind == "dense")
        {
            sections[typeof(EquivarianceConfig)] = [];
        }

        var audits = new JsonObject();
        foreach (var entry in AuditRegistry.All.Where(k => sections.ContainsKey(k.Section)))
        {
            var section = sections[entry.Section];
            foreach (var (key, value) in ConfigReference.SuggestedThresholds(entry.Section))
            {
                section[key] = value;
            }

            audits[entry.Name] = section;
        }

        return audits;
    }

    /// <summary>The path relative to the config's folder, or absolute when the two share no folder but the root.</summary>
    private static string Relative(string folder, string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(folder, full);
        var ups = relative.Split(Path.DirectorySeparatorChar).TakeWhile(p => p == "..").Count();
        var depth = folder.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Length;
        return (Path.IsPathRooted(relative) || (ups > 0 && ups >= depth) ? full : relative).Replace('\\', '/');
    }
}
