using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Occlusion;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class OcclusionStep(OcclusionConfig config) : AuditStep<OcclusionPartial>
{
    private const int Pictures = 3;

    private OcclusionOptions OptionsFor(Models.InputSpec spec)
    {
        var window = config.WindowFor(spec.Width, spec.Height);
        return new()
        {
            Window = window,
            Stride = config.StrideFor(spec.Width, spec.Height),
            Mode = config.Incremental ? OcclusionMode.Incremental : OcclusionMode.Full,
            Score = config.ScoreKind,
            Fill = OcclusionSettings.Fill(config.Fill, window),
            Target = OcclusionSettings.ClassIndex(config.Target) is { } index ? index : null,
        };
    }

    public override OcclusionPartial Measure(MeasureContext context)
    {
        var options = OptionsFor(context.Model.Spec);
        var images = context.Slice(config.MaxImages, HasBox).ToArray();
        var maps = Maps(context, images);
        var shown = context.All(config.MaxImages, HasBox).Take(Pictures).ToHashSet();
        var figures = images.Select((image, i) => (image, map: maps[i])).Where(p => shown.Contains(p.image)).Select(p => Figure(context, p.image, p.map, options.Window)).ToArray();
        return new OcclusionPartial(
            maps.Select((m, i) => new ImageOutcome(context.PositionOf(images[i]), images[i].Id, PixelMapMetrics.MassInside(m, Near(context, images[i])), m.MaxDrop >= config.SignalFloorFor(context.Target))).ToArray(),
            maps.Select((m, i) => PixelMapMetrics.PeakInside(m, Near(context, images[i]))).ToArray(),
            figures,
            context.Target?.Describe(),
            config.SignalFloorFor(context.Target),
            options.Window,
            options.Stride,
            options.Fill.ToString());
    }

    /// <summary>
    /// Image | map | overlay, the overlay outlining the box the mass-inside share is measured in and the worst window;
    /// the numbers go in the caption, which stays legible at any picture size.
    /// </summary>
    private ShardFigure Figure(MeasureContext context, ModelAudit.Datasets.LabeledImage image, OcclusionMap map, int window)
    {
        var box = Near(context, image);
        var score = map.IsClassTarget
            ? string.Create(CultureInfo.InvariantCulture, $"p = {map.BaseProbability:0.00}{(map.Score == OcclusionScore.Probability ? "" : $", {map.Score.Describe()} {map.BaseScore:0.00}")}")
            : string.Create(CultureInfo.InvariantCulture, $"score {map.BaseScore:0.00}");
        var unit = map.IsClassTarget ? map.Score.Describe() : "score";
        var caption = string.Create(CultureInfo.InvariantCulture,
            $"{image.Id}, {context.TargetCaption(map.TargetClass, map.TargetName)} ({score}): image | mean {unit} drop under a {window}×{window} window, peak at ({map.Peak.X},{map.Peak.Y}) | " +
            $"overlay: dashed, the box the mass-inside share is measured in (the object box grown by {config.BoxMargin} px: {box}); white, the window whose cover drops the {unit} most, by {map.MaxDrop:0.00}: {map.MostDamaging.Box}. " +
            $"Mass inside the box {PixelMapMetrics.MassInside(map, box):0.00}{(map.MaxDrop < config.SignalFloorFor(context.Target) ? $"; inconclusive: largest drop {map.MaxDrop:0.000}" : "")}.");
        return new ShardFigure(context.PositionOf(image), new ReportFigure($"occlusion-{image.Id}", caption, OcclusionRendering.SideBySide(map, box: box)));
    }

    public override void Finish(IReadOnlyList<OcclusionPartial> partials, FinishContext context)
    {
        var images = partials.SelectMany(p => p.MassInside.Zip(p.PeakInside)).OrderBy(p => p.First.Position).ToArray();
        const string Mass = "share of occlusion drop mass inside the object box";
        const string Pointing = "share of maps peaking inside the object box (pointing game)";
        if (images.Length == 0)
        {
            var reason = ImageGate.NoBoxedImages(context.Audit, config.MaxImages);
            ImageGate.NotMeasured(context, Mass, config.MinMassInside, config.MinPassRate, reason);
            context.NotMeasured(Pointing, Comparison.AtLeast, config.MinPointingGame, reason);
            context.Add(new ReportSection("Occlusion sensitivity", $"Not measured: {reason}.", new Dictionary<string, double>(), []));
            return;
        }

        // The probability keeps the wording of the checks written before other scores existed.
        var target = partials.Select(p => p.Target).FirstOrDefault(t => t is not null);
        var floor = partials.Select(p => p.Floor).FirstOrDefault(f => f is not null) ?? config.SignalFloor;
        var unit = target ?? config.ScoreKind.Describe();
        var noSignal = string.Create(CultureInfo.InvariantCulture, $"largest {(target is null && config.ScoreKind == OcclusionScore.Probability ? "" : unit + " ")}drop below {floor:0.###}");
        var mass = images.Select(p => p.First).ToArray();
        var meanMass = ImageGate.Apply(context, Mass, mass, config.MinMassInside, config.MinPassRate, noSignal);
        var pointing = images.Where(p => p.First.HasSignal).Select(p => p.Second).ToArray();
        var pointingRate = pointing.Length == 0 ? double.NaN : pointing.Count(p => p) / (double)pointing.Length;
        if (pointing.Length == 0)
        {
            context.Inconclusive(Pointing, pointingRate, Comparison.AtLeast, config.MinPointingGame, $"no map has signal ({noSignal})");
        }
        else
        {
            context.Gate(Pointing, pointingRate, Comparison.AtLeast, config.MinPointingGame,
                string.Create(CultureInfo.InvariantCulture, $"{pointing.Count(p => p)} of {pointing.Length}"));
        }

        var withSignal = mass.Where(m => m.HasSignal).ToArray();
        var used = partials.First(p => p.Window > 0);
        context.Add(new ReportSection(
            "Occlusion sensitivity",
            string.Create(CultureInfo.InvariantCulture,
                $"A {used.Window}×{used.Window} square filled with {used.Fill} slides over each image with stride {used.Stride}; each pixel shows the mean drop in {(target is null ? $"the target class's {config.ScoreKind.Describe()}" : $"the target, the {target},")} over the windows covering it (Zeiler & Fergus, Fig. 7){(target is null ? $"; the target is {OcclusionSettings.DescribeTarget(config.Target, context.Classes)}" : "")}. " +
                $"Mass inside the object box (grown by {config.BoxMargin} px) is the share of the positive drop that lies on the object.") +
                (config.Incremental ? " Maps computed by exact incremental inference: each window recomputes only the region of each layer it can change; equal to full re-inference up to float rounding." : "") +
                (withSignal.Length < mass.Length ? string.Create(CultureInfo.InvariantCulture, $" {mass.Length - withSignal.Length} of {mass.Length} maps are inconclusive: their largest {unit} drop is below {floor:0.###}.") +
                    (target is null && config.ScoreKind == OcclusionScore.Probability ? " A confident model's probability barely moves under a window; \"score\": \"log_odds\" (the default) measures the same evidence without saturating." : "") : ""),
            new Dictionary<string, double>
            {
                ["mass_inside_mean"] = meanMass,
                ["mass_inside_min"] = withSignal.Length == 0 ? double.NaN : withSignal.Min(m => m.Value),
                ["pointing_game"] = pointingRate,
                ["images"] = mass.Length,
                ["inconclusive_images"] = mass.Length - withSignal.Length,
            },
            ShardFigure.InRunOrder(partials.Select(p => p.Figures))));
    }

    /// <summary>
    /// The maps of <paramref name="images"/>, in order. With the label as target the images are occluded per label
    /// (the options take one target), and the maps put back in order.
    /// </summary>
    private IReadOnlyList<OcclusionMap> Maps(MeasureContext context, ModelAudit.Datasets.LabeledImage[] images)
    {
        var sensitivity = new OcclusionSensitivity(context.Model);
        var options = OptionsFor(context.Model.Spec);
        var progress = new ProgressCallback<OcclusionProgress>(p => context.Advance(p.Completed, p.Total, "windows"));
        if (context.Target is { } target)
        {
            return sensitivity.Compute(images, options with { Target = target }, progress);
        }

        if (OcclusionSettings.ClassIndex(config.Target) is { } index && index >= context.Model.ClassCount)
        {
            throw new AuditConfigException(string.Create(CultureInfo.InvariantCulture,
                $"audits.occlusion.target is {index}, but '{context.Model.Name}' scores classes 0..{context.Model.ClassCount - 1}."))
            { Key = "audits.occlusion.target" };
        }

        return sensitivity.Compute(images, OcclusionSettings.IsPredicted(config.Target) || options.Target is not null ? options : options with { Target = Targets.Target.Label }, progress);
    }

    private static bool HasBox(ModelAudit.Datasets.LabeledImage image) => image.Box is not null;

    private PixelBox Near(MeasureContext context, ModelAudit.Datasets.LabeledImage image) => context.BoxAtInput(image, config.BoxMargin);
}
