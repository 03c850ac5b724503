using System.Globalization;
using System.Security.Cryptography;
using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>Runs the audits an <see cref="AuditConfig"/> asks for and returns the run record every report is written from.</summary>
public static class AuditRunner
{
    /// <summary>Runs every configured audit over the images (or one shard of them) and returns the run record.</summary>
    public static AuditRun Run(AuditConfig config, AuditRunOptions? options = null)
    {
        var o = options ?? new AuditRunOptions();
        ValidateShard(o);

        // One model session and one image set serve both halves of an unsharded run.
        using var model = Load(config, o);
        var images = LoadImages(config);
        return Finish(config, model, images, [Measure(config, model, images, o)], o);
    }

    /// <summary>Runs the costly half of every audit on this run's shard and returns its measurements.</summary>
    internal static ShardResult Measure(AuditConfig config, AuditRunOptions o)
    {
        ValidateShard(o);
        using var model = Load(config, o);
        return Measure(config, model, LoadImages(config), o);
    }

    /// <summary>Combines the measurements of every shard, applies the gates and builds the run record.</summary>
    internal static AuditRun Finish(AuditConfig config, IReadOnlyList<ShardResult> shards, AuditRunOptions o)
    {
        using var model = Load(config, o);
        return Finish(config, model, LoadImages(config), shards, o);
    }

    private static void ValidateShard(AuditRunOptions o)
    {
        if (o.Shard.Count < 1 || o.Shard.Index < 1 || o.Shard.Index > o.Shard.Count)
        {
            throw new AuditConfigException(string.Create(CultureInfo.InvariantCulture, $"Shard {o.Shard.Index}/{o.Shard.Count} is not valid; use k/n with 1 ≤ k ≤ n."));
        }
    }

    private static ShardResult Measure(AuditConfig config, AuditModel model, IReadOnlyList<LabeledImage> images, AuditRunOptions o)
    {
        var context = Context(config, model, images, o.Shard, o);
        var partials = Steps(config.Audits).Select(step =>
        {
            o.Progress?.Report($"{step.Name}: measuring");
            return step.Measure(context);
        }).ToArray();
        return new ShardResult(o.Shard.Index, o.Shard.Count, model.Sha256, context.Slice(int.MaxValue).Count, partials);
    }

    private static AuditRun Finish(AuditConfig config, AuditModel model, IReadOnlyList<LabeledImage> images, IReadOnlyList<ShardResult> shards, AuditRunOptions o)
    {
        ShardResult.CheckComplete(shards, model.Sha256);
        var context = Context(config, model, images, (1, 1), o);
        var steps = Steps(config.Audits);
        for (var i = 0; i < steps.Count; i++)
        {
            o.Progress?.Report($"{steps[i].Name}: gating");
            steps[i].Finish(shards.Select(s => s.Partials[i]).ToArray(), context);
        }

        var shardText = shards.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{shards[0].Index}/{shards[0].Count}")
            : string.Create(CultureInfo.InvariantCulture, $"merged {shards.Count} shards");
        var audited = shards.Count == 1 && shards[0].Count > 1 ? images.Where((_, i) => i % shards[0].Count == shards[0].Index - 1).ToArray() : images;
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["shard"] = shardText,
            ["images"] = config.Images.Folder ?? string.Create(CultureInfo.InvariantCulture, $"generated shapes, seed {config.Images.Generate!.Seed}, {config.Images.Generate.Count} images{(config.Images.Generate.ShortcutMark ? ", with shortcut mark" : "")}"),
            ["audits"] = string.Join(", ", steps.Select(s => s.Name)),
        };
        foreach (var (name, options) in AuditOptions(config.Audits))
        {
            settings[$"options.{name}"] = options;
        }

        var provenance = new Provenance(model.Name, model.Sha256, model.Spec.ToString(), ImageSetHash(audited), audited.Count, AuditRun.LibraryVersion,
            o.RunAt ?? DateTimeOffset.UtcNow, settings);
        return new AuditRun($"Audit of {model.Name}", provenance, context.Checks, context.Sections);
    }

    /// <summary>Merges shard results written by <c>--shard k/n</c> runs into one run record.</summary>
    public static AuditRun Merge(AuditConfig config, IReadOnlyList<string> shardFolders, AuditRunOptions? options = null) =>
        Finish(config, shardFolders.Select(ShardResult.Read).ToArray(), options ?? new AuditRunOptions());

    /// <summary>Runs one shard and writes its measurements (<c>shard.json</c>) to <paramref name="folder"/>.</summary>
    public static void RunShard(AuditConfig config, string folder, AuditRunOptions options) => Measure(config, options).Write(folder);

    private static AuditModel Load(AuditConfig config, AuditRunOptions o) =>
        AuditModel.Load(config.Resolve(config.Model), SpecOf(config.Input), new EngineOptions { Threads = o.Threads });

    private static AuditContext Context(AuditConfig config, AuditModel model, IReadOnlyList<LabeledImage> images, (int, int) shard, AuditRunOptions o)
    {
        var classes = config.Classes ?? Enumerable.Range(0, model.ClassCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new AuditContext(model, images, classes, shard, o.Progress);
    }

    internal static IReadOnlyList<IAuditStep> Steps(AuditsConfig audits)
    {
        var steps = new List<IAuditStep>();
        if (audits.Occlusion is { } occlusion)
        {
            steps.Add(new OcclusionStep(occlusion));
        }

        if (audits.Filters is { } f)
        {
            steps.Add(new FiltersStep(f));
        }

        if (audits.Activations is { } a)
        {
            steps.Add(new ActivationsStep(a));
        }

        if (audits.Invariance is { } i)
        {
            steps.Add(new InvarianceStep(i));
        }

        if (audits.Embeddings is { } e)
        {
            steps.Add(new EmbeddingsStep(e));
        }

        if (audits.Gradients is { } g)
        {
            steps.Add(new GradientsStep(g));
        }

        return steps;
    }

    /// <summary>Each configured audit's options as compact JSON, for the report's provenance.</summary>
    private static IEnumerable<(string Name, string Json)> AuditOptions(AuditsConfig audits)
    {
        var json = new System.Text.Json.JsonSerializerOptions
        {
            PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        object?[] all = [audits.Occlusion, audits.Filters, audits.Activations, audits.Invariance, audits.Embeddings, audits.Gradients];
        string[] names = ["occlusion", "filters", "activations", "invariance", "embeddings", "gradients"];
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i] is { } options)
            {
                yield return (names[i], System.Text.Json.JsonSerializer.Serialize(options, options.GetType(), json));
            }
        }
    }

    internal static InputSpec SpecOf(InputConfig input)
    {
        var order = input.Channels switch { "bgr" => ChannelOrder.Bgr, "gray" => ChannelOrder.Gray, _ => ChannelOrder.Rgb };
        if (input.Mean is not null || input.Std is not null)
        {
            return InputSpec.FromMeanStd(input.Height, input.Width, order, input.Mean ?? [0f], input.Std ?? [1f]);
        }

        return InputSpec.FromScaleOffset(input.Height, input.Width, order, input.Scale ?? [1f / 255f], input.Offset ?? [0f]);
    }

    internal static IReadOnlyList<LabeledImage> LoadImages(AuditConfig config)
    {
        if (config.Images.Generate is { } g)
        {
            var options = new ShapeDatasetOptions { ShortcutMark = g.ShortcutMark, ReserveMarkCorner = g.ShortcutMark };
            return ShapeDataset.Generate(g.Seed, g.Count, options).Select(LabeledImage.From).ToArray();
        }

        return ImageSetReader.Read(config.Resolve(config.Images.Folder!), config.Images.Labels);
    }

    /// <summary>A hash of the images' pixels and labels, in order: the same set gives the same hash on any machine.</summary>
    internal static string ImageSetHash(IReadOnlyList<LabeledImage> images)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var image in images)
        {
            sha.AppendData(BitConverter.GetBytes(image.Image.Width));
            sha.AppendData(BitConverter.GetBytes(image.Image.Height));
            sha.AppendData(BitConverter.GetBytes(image.Label));
            sha.AppendData(image.Image.Pixels);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
