using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Reporting;
using ModelAudit.Shortcuts;
using ModelAudit.Targets;

namespace ModelAudit.Auditing;

internal sealed class ShortcutStep(ShortcutConfig config) : AuditStep<ShortcutPartial>
{
    private const string ClassCheck = "classes reading a shortcut (box-free scan)";
    private const string PassRateCheck = "share of classes found clear of a shortcut (box-free scan)";
    private const string BorderCheck = "share of evidence in the border band";

    public override ShortcutPartial Measure(MeasureContext context)
    {
        var method = MapMethods.Names[config.Method];
        if (!context.IsFirstShard)
        {
            return new ShortcutPartial([], [], [], method, 0, null);
        }

        if (!context.Model.IsClassifier || context.Target is not (null or ClassTarget))
        {
            return new ShortcutPartial([], [], [], method, 0, "the scan groups evidence by class label, and this run's target is not a class");
        }

        var images = context.All(config.MaxImages, i => i.Label >= 0);
        if (images.Count == 0)
        {
            return new ShortcutPartial([], [], [], method, 0, config.MaxImages == 0
                ? "audits.shortcut.max_images is 0, so no image was scanned"
                : "no image has a class label; give labels in labels.csv");
        }

        context.Advance(0, images.Count, $"{method} maps");
        IReadOnlyList<IPixelMap> maps;
        try
        {
            maps = MapMethods.Compute(context.Model, images, config.Method, Target.Label, context.Methods);
        }
        catch (GradientException ex)
        {
            return new ShortcutPartial([], [], [], method, 0, $"no {method} map could be made: {ex.Message}");
        }

        context.Advance(images.Count, images.Count, $"{method} maps");
        var result = new ShortcutScan(context.Model).Compute(images, maps, config.ScanOptions(context.Classes));
        var band = Math.Max(1, (int)Math.Round(ShortcutScanOptions.Default.BorderFraction * Math.Min(context.Model.Spec.Width, context.Model.Spec.Height)));
        var border = images.Select((image, i) => EvidenceStatistics.Distribution(maps[i]) is { } d
            ? new ImageOutcome(context.PositionOf(image), image.Id, EvidenceStatistics.BorderMass(d, maps[i].Width, maps[i].Height, band), true)
            : new ImageOutcome(context.PositionOf(image), image.Id, double.NaN, false)).ToArray();
        var figures = result.Classes.Select((c, k) => new ShardFigure(k, Figure(c, images, context))).ToArray();
        return new ShortcutPartial(result.Classes.Select(Row).ToArray(), border, figures, method, result.ForwardPassesPerImage, null);
    }

    public override void Finish(IReadOnlyList<ShortcutPartial> partials, FinishContext context)
    {
        var scan = partials.FirstOrDefault(p => p.Classes.Count > 0 || p.NotMeasured is not null);
        if (scan is null || scan.Classes.Count == 0)
        {
            var reason = scan?.NotMeasured ?? "no labelled image was scanned";
            Gates(context, (c, t) => context.NotMeasured(c, Comparison.AtMost, t, reason), reason);
            context.Add(new ReportSection("Shortcut scan", $"Not measured: {reason}.", new Dictionary<string, double>(), []));
            return;
        }

        var rows = scan.Classes;
        var shortcuts = rows.Where(r => r.Finding == nameof(ShortcutFinding.Shortcut)).ToArray();
        var inconclusive = rows.Where(r => r.Finding == nameof(ShortcutFinding.Inconclusive)).ToArray();
        // Reasons for the classes that decide the verdict; the clear ones by name (every reason is in the section's table).
        var clearRows = rows.Where(r => r.Finding == nameof(ShortcutFinding.Clear)).ToArray();
        var details = string.Join("; ", shortcuts.Concat(inconclusive).Select(r => $"{r.Name}: {r.Finding.ToLowerInvariant()} ({r.Reason})")
            .Append(clearRows.Length == 0 ? "" : $"clear: {string.Join(", ", clearRows.Select(r => r.Name))}")
            .Where(d => d.Length > 0)) + " (evidence per class in the Shortcut scan section)";
        if (config.MinPassRate is { } rate)
        {
            var clear = rows.Count(r => r.Finding == nameof(ShortcutFinding.Clear)) / (double)rows.Count;
            Add(context, PassRateCheck, clear, Comparison.AtLeast, rate, inconclusive, details);
        }
        else
        {
            Add(context, ClassCheck, shortcuts.Length, Comparison.AtMost, config.MaxShortcutClasses, inconclusive, details);
        }

        var borderMean = Border(context, scan.BorderMass);
        context.Add(new ReportSection(
            "Shortcut scan",
            string.Create(CultureInfo.InvariantCulture,
                $"Box-free: the {scan.Method} maps of each class's labelled images, each scaled to sum to 1, are averaged per class. Concentration is the share of the mean map in its top {config.TopFraction:P0} of pixels (the suspect region, outlined); consistency the mean correlation of each map with the mean of the others. ") +
            string.Create(CultureInfo.InvariantCulture,
                $"A class is suspect at concentration ≥ {config.MinConcentration:0.00} and consistency ≥ {config.MinConsistency:0.00}, and reads a shortcut when the region decides the class: filling it with each image's mean colour costs at least {config.MinAccuracyDrop:0.00} accuracy (necessary), or filling everything else costs at most that (sufficient). Transplant: how often the other classes' images become the class with its region pasted in. Spectral relevance analysis (Lapuschkin et al.) clusters each class's maps; cluster sizes are listed. ") +
            string.Create(CultureInfo.InvariantCulture, $"The counterfactuals cost {scan.ForwardPassesPerImage:0.0} forward passes per image beyond the maps."),
            Metrics(rows, borderMean),
            ShardFigure.InRunOrder(partials.Select(p => p.Figures)))
        {
            Tables = [Table(rows)],
        });
    }

    private static void Add(FinishContext context, string name, double measured, Comparison comparison, double threshold, ShortcutClassRow[] inconclusive, string details)
    {
        var fails = comparison == Comparison.AtMost ? measured > threshold : measured < threshold;
        if (inconclusive.Length > 0 && !fails)
        {
            context.Inconclusive(name, measured, comparison, threshold,
                $"{string.Join(", ", inconclusive.Select(r => r.Name))} could not be judged (raise audits.shortcut.max_images or add images of those classes); {details}");
            return;
        }

        context.Gate(name, measured, comparison, threshold, details);
    }

    private double Border(FinishContext context, IReadOnlyList<ImageOutcome> border)
    {
        var withSignal = border.Where(b => b.HasSignal).ToArray();
        var mean = withSignal.Length == 0 ? double.NaN : withSignal.Average(b => b.Value);
        if (config.MaxBorderMass is { } max)
        {
            var worst = string.Join(", ", withSignal.OrderByDescending(b => b.Value).Take(3).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Id} {b.Value:0.00}")));
            if (withSignal.Length == 0)
            {
                context.Inconclusive($"mean {BorderCheck}", double.NaN, Comparison.AtMost, max, "no map holds positive evidence");
            }
            else
            {
                context.Gate($"mean {BorderCheck}", mean, Comparison.AtMost, max, string.Create(CultureInfo.InvariantCulture, $"{withSignal.Length} images; highest {worst}"));
            }
        }

        return mean;
    }

    private void Gates(FinishContext context, Action<string, double?> notMeasured, string reason)
    {
        if (config.MinPassRate is { } rate)
        {
            context.NotMeasured(PassRateCheck, Comparison.AtLeast, rate, reason);
        }
        else
        {
            notMeasured(ClassCheck, config.MaxShortcutClasses);
        }

        if (config.MaxBorderMass is { } max)
        {
            notMeasured($"mean {BorderCheck}", max);
        }
    }

    private static Dictionary<string, double> Metrics(IReadOnlyList<ShortcutClassRow> rows, double borderMean)
    {
        var metrics = new Dictionary<string, double>
        {
            ["shortcut_classes"] = rows.Count(r => r.Finding == nameof(ShortcutFinding.Shortcut)),
            ["inconclusive_classes"] = rows.Count(r => r.Finding == nameof(ShortcutFinding.Inconclusive)),
            ["border_mass_mean"] = borderMean,
        };
        foreach (var r in rows)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"class{r.Label}");
            metrics[$"{key}_concentration"] = r.Concentration;
            metrics[$"{key}_consistency"] = r.Consistency;
            metrics[$"{key}_accuracy_drop"] = r.AccuracyBefore - r.AccuracyAfter;
            metrics[$"{key}_transplant_rate"] = r.TransplantRate;
        }

        return metrics;
    }

    private static ReportTable Table(IReadOnlyList<ShortcutClassRow> rows) => new(
        "Per class",
        ["class", "finding", "maps", "concentration", "consistency", "border", "accuracy → region filled", "only the region", "transplant", "region", "clusters"],
        rows.Select(r => (IReadOnlyList<string>)
        [
            r.Name, r.Finding.ToLowerInvariant(), r.Images.ToString(CultureInfo.InvariantCulture),
            CellNumber.Format(r.Concentration), CellNumber.Format(r.Consistency), CellNumber.Format(r.BorderMass),
            $"{CellNumber.Format(r.AccuracyBefore)} → {CellNumber.Format(r.AccuracyAfter)}", CellNumber.Format(r.AccuracyRegionOnly), CellNumber.Format(r.TransplantRate),
            r.Region, string.Join(" + ", r.ClusterSizes),
        ]).ToArray());

    private static ShortcutClassRow Row(ClassEvidence c) => new(
        c.Label, c.Name, c.ImageCount, c.Concentration, c.Consistency, c.BorderMass, c.DominantClusterConcentration,
        c.Clusters.Select(k => k.Members.Count).ToArray(), c.AccuracyBefore, c.AccuracyAfter, c.AccuracyRegionOnly, c.TransplantRate,
        c.Region.Area == 0 ? "none" : c.Region.Bounds.ToString(), c.Finding.ToString(), c.Reason);

    /// <summary>The class's mean map with its region, each cluster's mean map, and its first image before and after the region is filled.</summary>
    private static ReportFigure Figure(ClassEvidence c, IReadOnlyList<LabeledImage> images, MeasureContext context)
    {
        var first = images.First(i => i.Label == c.Label);
        var placed = context.Model.Spec.Place(first.Image);
        var filled = ShortcutScan.Fill(placed, c.Region);
        var tiles = new List<RgbImage> { ShortcutRendering.WithRegion(c) };
        tiles.AddRange(c.Clusters.Take(4).Select(k => ShortcutRendering.Heatmap(k.MeanMap.ToArray(), c.Width, c.Height)));
        tiles.Add(placed);
        tiles.Add(filled);
        var scale = Math.Max(1, 192 / Math.Max(c.Width, c.Height));
        return new ReportFigure(
            $"shortcut-class{c.Label}",
            string.Create(CultureInfo.InvariantCulture,
                $"{c.Name} ({c.Finding.ToString().ToLowerInvariant()}): mean evidence with the suspect region | {string.Join(" | ", c.Clusters.Take(4).Select((k, i) => $"cluster {i + 1} ({k.Members.Count} maps)"))} | {first.Id} | with the region filled. Concentration {c.Concentration:0.00}, consistency {c.Consistency:0.00}, accuracy {c.AccuracyBefore:0.00} → {c.AccuracyAfter:0.00}."),
            TileGrid.Compose(tiles, tiles.Count, scale, 4));
    }
}
