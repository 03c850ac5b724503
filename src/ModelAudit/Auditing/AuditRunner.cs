using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.ML;
using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Pipelines;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>Runs the audits an <see cref="AuditConfig"/> asks for and returns the run record every report is written from.</summary>
public static class AuditRunner
{
    /// <summary>Runs every configured audit over the images (or one shard of them) and returns the run record.</summary>
    public static AuditRun Run(AuditConfig config, AuditRunOptions? options = null)
    {
        var o = options ?? new AuditRunOptions();
        var clock = new StageClock(o.Clock, o.Progress);
        clock.Start("load");
        var images = LoadImages(config);
        ShardResult shard;
        using (var opened = Open(config, images, o))
        {
            shard = Measure(config, opened, images, o, clock);
        }

        return Finish(config, images, [shard], o, clock);
    }

    /// <summary>
    /// Runs like <see cref="Run"/> and hands the opened model to the caller, who disposes it: <c>compare</c> measures
    /// the texture drift between its two models after both runs, on the models those runs loaded.
    /// </summary>
    internal static (AuditRun Run, OpenedModel Model) RunKeepingModel(AuditConfig config, AuditRunOptions o)
    {
        var clock = new StageClock(o.Clock, o.Progress);
        clock.Start("load");
        var images = LoadImages(config);
        var opened = Open(config, images, o);
        try
        {
            return (Finish(config, images, [Measure(config, opened, images, o, clock)], o, clock), opened);
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <summary>Merges shard results written by <c>--shard k/n</c> runs into one run record. Needs the images, not the model.</summary>
    public static AuditRun Merge(AuditConfig config, IReadOnlyList<string> shardFolders, AuditRunOptions? options = null)
    {
        var o = options ?? new AuditRunOptions();
        var clock = new StageClock(o.Clock, o.Progress);
        clock.Start("load");
        var shards = shardFolders.Select(ShardResult.Read).ToArray();
        var model = config.Resolve(config.Model);
        // An ML.NET model's hash is not its ONNX model's: the shards are checked against each other only.
        ShardResult.CheckComplete(shards, File.Exists(model) && !config.IsPipeline ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model))) : null);
        return Finish(config, LoadImages(config), shards, o, clock);
    }

    /// <summary>Runs one shard and writes its measurements (<c>shard.json</c>) to <paramref name="folder"/>.</summary>
    public static void RunShard(AuditConfig config, string folder, AuditRunOptions options)
    {
        var clock = new StageClock(options.Clock, options.Progress);
        clock.Start("load");
        var images = LoadImages(config);
        using var opened = Open(config, images, options);
        Measure(config, opened, images, options, clock).Write(folder);
    }

    /// <summary>Checks the run's shard, then loads the model.</summary>
    private static OpenedModel Open(AuditConfig config, IReadOnlyList<LabeledImage> images, AuditRunOptions o)
    {
        if (o.Shard.Count < 1 || o.Shard.Index < 1 || o.Shard.Index > o.Shard.Count)
        {
            throw new AuditConfigException(string.Create(CultureInfo.InvariantCulture, $"Shard {o.Shard.Index}/{o.Shard.Count} is not valid; use k/n with 1 ≤ k ≤ n."));
        }

        return OpenedModel.Open(config, images, o.Threads);
    }

    /// <summary>Runs the model work of every audit on this run's shard, one stage each.</summary>
    private static ShardResult Measure(AuditConfig config, OpenedModel opened, IReadOnlyList<LabeledImage> images, AuditRunOptions o, StageClock clock)
    {
        var model = opened.Model;
        clock.Model = model;
        CheckLabels(config, model, images);
        var target = TargetOf(config, model);
        var classes = model.IsClassifier ? model.ClassCount : 0;
        var context = new MeasureContext(model, images, Classes(config, classes, images), o.Shard, clock, target, config.Methods);
        var partials = config.Audits.Select(section =>
        {
            var kind = AuditRegistry.Of(section);
            clock.Start(kind.Name);
            return kind.Create(section).Measure(context);
        }).ToArray();
        clock.Finish();

        // The clock's first stage is loading; then one per audit, in order.
        var costs = clock.Timings.Skip(1).Select(t => new StepCost(t.ForwardPasses, t.BackwardPasses)).ToArray();
        return new ShardResult(o.Shard.Index, o.Shard.Count, opened.Name, model.Sha256, model.Spec.ToString(), classes, context.Slice(int.MaxValue).Count, partials, opened.Runtime(), costs)
        {
            Timings = clock.Timings.ToArray(),
        };
    }

    private static AuditRun Finish(AuditConfig config, IReadOnlyList<LabeledImage> images, ShardResult[] shards, AuditRunOptions o, StageClock clock)
    {
        var first = shards[0];
        var context = new FinishContext(images, Classes(config, first.ClassCount, images), first.ModelName);
        var sections = config.Audits.ToArray();
        var gating = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        clock.Start("gates");
        for (var i = 0; i < sections.Length; i++)
        {
            var kind = AuditRegistry.Of(sections[i]);
            clock.Advance(i, sections.Length, "audits");
            var start = o.Clock.GetTimestamp();
            kind.Create(sections[i]).Finish(shards.Select(s => s.Partials[i]).ToArray(), context.For(kind.Name, sections[i].AllowInconclusive));
            gating[kind.Name] = o.Clock.GetElapsedTime(start);
        }

        clock.Advance(sections.Length, sections.Length, "audits");
        clock.Finish();

        var shardText = shards.Length == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{first.Index}/{first.Count}")
            : string.Create(CultureInfo.InvariantCulture, $"merged {shards.Length} shards");
        var audited = shards.Length == 1 && first.Count > 1 ? images.Where((_, i) => i % first.Count == first.Index - 1).ToArray() : images;
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["shard"] = shardText,
            ["images"] = config.Images.Folder ?? string.Create(CultureInfo.InvariantCulture, $"generated shapes, seed {config.Images.Generate!.Seed}, {config.Images.Generate.Count} images{(config.Images.Generate.Fill == ObjectFill.PerClassTexture ? ", textured per class" : "")}{(config.Images.Generate.ShortcutMark ? (config.Images.Generate.Placement == MarkPlacement.PerClass ? ", with a shortcut mark placed per class" : ", with shortcut mark") : "")}"),
            ["audits"] = string.Join(", ", sections.Select(s => AuditRegistry.Of(s).Name)),
        };
        if (config.Target is { } target)
        {
            settings["target"] = JsonSerializer.Serialize(target, SettingsJson);
        }

        if (config.Methods != new MethodsConfig())
        {
            settings["methods"] = JsonSerializer.Serialize(config.Methods, SettingsJson);
        }

        settings["placement"] = Placement(SpecOf(config), audited);
        foreach (var key in shards.SelectMany(s => s.Runtime?.Keys ?? []).Distinct(StringComparer.Ordinal))
        {
            // Shards may have run on different machines: every value seen is kept.
            settings[key] = string.Join(" | ", shards.Select(s => s.Runtime?.GetValueOrDefault(key)).OfType<string>().Distinct(StringComparer.Ordinal));
        }

        foreach (var section in sections)
        {
            settings[$"options.{AuditRegistry.Of(section).Name}"] = JsonSerializer.Serialize(section, section.GetType(), SettingsJson);
        }

        Costs(settings, sections, shards, audited.Count);

        var provenance = new Provenance(first.ModelName, first.ModelSha256, first.InputSpec, ImageSetHash(audited), audited.Count, AuditRun.LibraryVersion,
            o.RunAt ?? DateTimeOffset.UtcNow, settings);
        return new AuditRun($"Audit of {first.ModelName}", provenance, context.Checks, context.Sections)
        {
            Timings = StageClock.Combine(shards, clock.Timings, gating),
        };
    }

    /// <summary>
    /// What each audit cost, summed over the shards, in full-model forward passes and backward passes (a forward and a
    /// backward each) per image of the run: what a CI gate can budget. Incremental and first-order occlusion run parts
    /// of the model and are not counted as passes; randomised copies of the model are not the audited model either.
    /// </summary>
    private static void Costs(SortedDictionary<string, string> settings, AuditSection[] sections, ShardResult[] shards, int images)
    {
        if (shards.Any(s => s.Costs is null || s.Costs.Count != sections.Length))
        {
            return;
        }

        string Describe(long forward, long backward) => string.Create(CultureInfo.InvariantCulture,
            $"{forward} forward passes ({(images == 0 ? 0 : (double)forward / images):0.##} per image), {backward} backward ({(images == 0 ? 0 : (double)backward / images):0.##} per image)");
        for (var i = 0; i < sections.Length; i++)
        {
            settings[$"cost.{AuditRegistry.Of(sections[i]).Name}"] = Describe(shards.Sum(s => s.Costs![i].ForwardPasses), shards.Sum(s => s.Costs![i].BackwardPasses));
        }

        settings["cost"] = Describe(shards.Sum(s => s.Costs!.Sum(c => c.ForwardPasses)), shards.Sum(s => s.Costs!.Sum(c => c.BackwardPasses)));
    }

    /// <summary>
    /// How the images reached the input size, for the report: nothing is resized, cropped or squeezed without a word.
    /// Names the images whose aspect ratio changed (a stretch, or a line too wide for fit_height).
    /// </summary>
    internal static string Placement(InputSpec spec, IReadOnlyList<LabeledImage> images)
    {
        var placements = images.Select(i => (i.Id, At: spec.Placement(i.Image.Width, i.Image.Height))).ToArray();
        var resized = placements.Count(p => !p.At.IsIdentity);
        var squeezed = placements.Where(p => p.At.ChangesAspect).Select(p => p.Id).ToArray();
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{spec.Resize.ConfigName()} to {spec.Width}x{spec.Height}: {resized} of {placements.Length} images resized");
        return squeezed.Length == 0
            ? text + ", none with its aspect ratio changed"
            : text + string.Create(CultureInfo.InvariantCulture, $", {squeezed.Length} with the aspect ratio changed ({string.Join(", ", squeezed.Take(5))}{(squeezed.Length > 5 ? ", …" : "")})");
    }

    private static readonly JsonSerializerOptions SettingsJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The config's target bound to the model (checked now, so a mismatch stops the run before any audit), or null for class scores.</summary>
    private static Targets.Target? TargetOf(AuditConfig config, AuditModel model)
    {
        if (config.Target is not { } t)
        {
            if (!model.IsClassifier && config.Audits.Any(s => s is OcclusionConfig or GradientsConfig or InvarianceConfig))
            {
                throw new AuditConfigException(
                    $"'{model.Name}' is not a classifier: its output '{model.Output.Name}' has per-image shape [{string.Join(",", model.OutputShape)}]. " +
                    "Set 'target' for the audits that score it: { \"kind\": \"dense\" } (mean of an output channel in each image's box: segmentation, text detection) " +
                    "or { \"kind\": \"sequence\", \"charset\": \"keys.txt\" } (CTC recognisers) or { \"kind\": \"detection\" } (detections [K, 5] or [K, 6]).")
                { Key = "target" };
            }

            return null;
        }

        Targets.Target target = t.Kind switch
        {
            "dense" => new Targets.DenseTarget { Output = t.Output, Channel = t.Channel, Reduction = t.Reduction == "sum" ? Targets.DenseReduction.Sum : Targets.DenseReduction.Mean },
            "sequence" => Targets.SequenceTarget.FromCharsetFile(config.Resolve(t.Charset!), t.Space) with { Output = t.Output, Blank = t.Blank },
            "detection" => new Targets.DetectionTarget
            {
                Output = t.Output, MinIoU = t.MinIou, ClassIndex = t.Class, Normalised = t.Normalised,
                Layout = t.Layout == "centre" ? Targets.BoxLayout.Centre : Targets.BoxLayout.Corners,
            },
            _ => new Targets.ClassTarget { Output = t.Output },
        };
        try
        {
            model.Bind(target);
        }
        catch (Targets.TargetException ex)
        {
            throw new AuditConfigException($"target: {ex.Message}", ex) { Key = "target" };
        }
        catch (InvalidModelException ex)
        {
            throw new AuditConfigException($"target.output: {ex.Message}", ex) { Key = "target.output" };
        }

        return t.Kind == "class" && t.Output is null ? null : target;
    }

    /// <summary>Class names and labels must fit the model's outputs: a label past the last class would be scored as another class.</summary>
    private static void CheckLabels(AuditConfig config, AuditModel model, IReadOnlyList<LabeledImage> images)
    {
        if (!model.IsClassifier)
        {
            if (config.Classes is not null)
            {
                throw new AuditConfigException($"'classes' names output classes, but '{model.Name}' is not a classifier (output '{model.Output.Name}' is [{string.Join(",", model.OutputShape)}] per image); remove 'classes'.")
                { Key = "classes" };
            }

            return;
        }

        if (config.Classes is { } names && names.Count != model.ClassCount)
        {
            throw new AuditConfigException(string.Create(CultureInfo.InvariantCulture,
                $"'classes' names {names.Count} classes, but '{model.Name}' scores {model.ClassCount}; give one name per output class, in output order."))
            { Key = "classes" };
        }

        if (images.FirstOrDefault(i => i.Label < 0 || i.Label >= model.ClassCount) is { } bad)
        {
            throw new AuditConfigException(string.Create(CultureInfo.InvariantCulture,
                $"image '{bad.Id}'{(config.Images.Folder is { } folder ? $" in '{Path.Combine(config.Resolve(folder), config.Images.Labels)}'" : "")} has label {bad.Label}, but '{model.Name}' scores classes 0..{model.ClassCount - 1}; fix the label or use the matching model."))
            { Key = "images" };
        }
    }

    /// <summary>The class names: the config's, else the indices of the model's classes, or of the images' labels when the model has no class scores.</summary>
    private static IReadOnlyList<string> Classes(AuditConfig config, int classCount, IReadOnlyList<LabeledImage> images) =>
        config.Classes ?? Enumerable.Range(0, classCount > 0 ? classCount : images.Select(i => i.Label + 1).DefaultIfEmpty(0).Max())
            .Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The config's input spec, or the one an ML.NET model's pipeline amounts to (read again, not scored).</summary>
    internal static InputSpec SpecOf(AuditConfig config)
    {
        if (!config.IsPipeline)
        {
            return SpecOf(config.Input!);
        }

        var ml = new MLContext(seed: 0);
        var pipeline = ml.Model.Load(config.Resolve(config.Model), out _);
        try
        {
            return PipelineReader.Read(pipeline).Spec;
        }
        finally
        {
            (pipeline as IDisposable)?.Dispose();
        }
    }

    internal static InputSpec SpecOf(InputConfig input)
    {
        var order = InputConfig.ChannelOrders.GetValueOrDefault(input.Channels, ChannelOrder.Rgb);
        if (input.Mean is not null || input.Std is not null)
        {
            return Placed(InputSpec.FromMeanStd(input.Height, input.Width, order, input.Mean ?? [0f], input.Std ?? [1f]), input);
        }

        return Placed(InputSpec.FromScaleOffset(input.Height, input.Width, order, input.Scale ?? [1f / 255f], input.Offset ?? [0f]), input);
    }

    private static InputSpec Placed(InputSpec spec, InputConfig input) => spec with
    {
        Resize = ResizePolicyNames.Parse(input.Resize) ?? ResizePolicy.Stretch,
        Pad = input.Pad switch
        {
            [var g] => Imaging.Rgb.Gray((byte)g),
            [var r, var g, var b] => new Imaging.Rgb((byte)r, (byte)g, (byte)b),
            _ => default,
        },
    };

    internal static IReadOnlyList<LabeledImage> LoadImages(AuditConfig config)
    {
        if (config.Images.Generate is { } g)
        {
            var options = new ShapeDatasetOptions { ShortcutMark = g.ShortcutMark, ReserveMarkCorner = g.ShortcutMark, MarkPlacement = g.Placement, ObjectFill = g.Fill };
            return ShapeDataset.Generate(g.Seed, g.Count, options).Select(LabeledImage.From).ToArray();
        }

        return ImageSetReader.Read(config.Resolve(config.Images.Folder!), config.Images.Labels,
            new ImageSetOptions { AllowPathsOutsideFolder = config.Images.AllowPathsOutsideFolder });
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
