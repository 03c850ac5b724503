using System.Globalization;
using System.Security.Cryptography;
using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>Runs the audits an <see cref="AuditConfig"/> asks for and returns the run record every report is written from.</summary>
public static class AuditRunner
{
    public static AuditRun Run(AuditConfig config, AuditRunOptions? options = null)
    {
        var o = options ?? new AuditRunOptions();
        if (o.Shard.Count < 1 || o.Shard.Index < 1 || o.Shard.Index > o.Shard.Count)
        {
            throw new AuditConfigException(string.Create(CultureInfo.InvariantCulture, $"Shard {o.Shard.Index}/{o.Shard.Count} is not valid; use k/n with 1 ≤ k ≤ n."));
        }

        var spec = SpecOf(config.Input);
        using var model = AuditModel.Load(config.Resolve(config.Model), spec, new EngineOptions { Threads = o.Threads });
        var all = LoadImages(config);
        var images = all.Where((_, i) => i % o.Shard.Count == o.Shard.Index - 1).ToArray();
        var classes = config.Classes ?? Enumerable.Range(0, model.ClassCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var context = new AuditContext(model, images, classes, o.Progress);
        foreach (var step in Steps(config.Audits))
        {
            o.Progress?.Report($"{step.Name}: running on {images.Length} images");
            step.Run(context);
        }

        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["shard"] = string.Create(CultureInfo.InvariantCulture, $"{o.Shard.Index}/{o.Shard.Count}"),
            ["images"] = config.Images.Folder ?? string.Create(CultureInfo.InvariantCulture, $"generated shapes, seed {config.Images.Generate!.Seed}, {config.Images.Generate.Count} images{(config.Images.Generate.ShortcutMark ? ", with shortcut mark" : "")}"),
            ["audits"] = string.Join(", ", Steps(config.Audits).Select(s => s.Name)),
        };
        var provenance = new Provenance(model.Name, model.Sha256, spec.ToString(), ImageSetHash(images), images.Length, AuditRun.LibraryVersion,
            o.RunAt ?? DateTimeOffset.UtcNow, settings);
        return new AuditRun($"Audit of {model.Name}", provenance, context.Checks, context.Sections);
    }

    internal static IReadOnlyList<IAuditStep> Steps(AuditsConfig audits)
    {
        var steps = new List<IAuditStep>();
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

        return steps;
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
