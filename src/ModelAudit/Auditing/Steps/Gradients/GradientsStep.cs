using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class GradientsStep(GradientsConfig config) : AuditStep<GradientsPartial>
{
    private const int Pictures = 3;

    public override GradientsPartial Measure(MeasureContext context)
    {
        var images = context.Slice(config.MaxImages, i => i.Box is not null).ToArray();
        IReadOnlyList<AttributionMap> saliency, cams;
        var more = config.Methods.Distinct().ToArray();
        var total = (2 + more.Length) * images.Length;
        try
        {
            context.Advance(0, total, "maps");
            (saliency, cams) = Maps(context, images);
        }
        catch (GradientException ex)
        {
            // A model whose backward pass cannot be built (an operator without a rule) leaves these checks unmeasured,
            // not the whole audit unrun: the other audits still report.
            return new GradientsPartial([], [], [], "grad-cam", ex.Message);
        }

        // An extra method that refuses the model (LRP on attention) leaves only its own check unmeasured.
        var methods = new Dictionary<string, IReadOnlyList<AttributionMap>>(StringComparer.Ordinal);
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var k = 0; k < more.Length; k++)
        {
            var before = (2 + k) * images.Length;
            context.Advance(before, total, "maps");
            try
            {
                methods[more[k]] = MoreMaps(context, images, more[k], done => context.Advance(before + done, total, "maps"));
            }
            catch (GradientException ex)
            {
                refused[more[k]] = ex.Message;
            }
        }

        context.Advance(total, total, "maps");
        var shown = context.All(config.MaxImages, i => i.Box is not null).Take(Pictures).ToHashSet();
        var figures = images.Select((image, i) => (image, i)).Where(p => shown.Contains(p.image))
            .Select(p => Figure(context, p.image, saliency[p.i], cams[p.i], methods.ToDictionary(m => m.Key, m => m.Value[p.i]))).ToArray();
        ImageOutcome Outcome(AttributionMap map, int i) =>
            new(context.PositionOf(images[i]), images[i].Id, PixelMapMetrics.MassInside(map, Near(context, images[i])), HasSignal(map));
        return new GradientsPartial(
            saliency.Select(Outcome).ToArray(),
            cams.Select(Outcome).ToArray(),
            figures,
            cams.Count > 0 ? cams[0].Method : "grad-cam",
            null,
            context.Target is { } target ? $"the target, the {target.Describe()}," : null,
            methods.ToDictionary(m => m.Key, m => (IReadOnlyList<ImageOutcome>)m.Value.Select(Outcome).ToArray(), StringComparer.Ordinal),
            methods.Select(m => (m.Key, Reliability: MethodReliability.Of(context, images, MapMethods.Of(m.Key), m.Value)))
                .Where(m => m.Reliability is not null).ToDictionary(m => m.Key, m => m.Reliability!, StringComparer.Ordinal),
            refused);
    }

    public override void Finish(IReadOnlyList<GradientsPartial> partials, FinishContext context)
    {
        var saliency = partials.SelectMany(s => s.SaliencyMassInside).OrderBy(i => i.Position).ToArray();
        var cam = partials.SelectMany(s => s.GradCamMassInside).OrderBy(i => i.Position).ToArray();
        const string Saliency = "share of saliency mass inside the object box";
        const string GradCam = "share of Grad-CAM mass inside the object box";
        if (saliency.Length == 0)
        {
            var reason = partials.Select(p => p.NotMeasured).FirstOrDefault(r => r is not null) is { } failure
                ? $"no gradient map could be made: {failure}"
                : ImageGate.NoBoxedImages(context.Audit, config.MaxImages);
            ImageGate.NotMeasured(context, Saliency, config.MinSaliencyMassInside, config.MinPassRate, reason);
            ImageGate.NotMeasured(context, GradCam, config.MinGradCamMassInside, config.MinPassRate, reason);
            foreach (var method in config.Methods.Distinct())
            {
                ImageGate.NotMeasured(context, MassInside(method), config.MinMassInside, config.MinPassRate, reason);
            }

            context.Add(new ReportSection("Gradients", $"Not measured: {reason}.", new Dictionary<string, double>(), []));
            return;
        }

        const string Flat = "the map is zero or constant";
        var saliencyMean = ImageGate.Apply(context, Saliency, saliency, config.MinSaliencyMassInside, config.MinSaliencyMassInside is null ? null : config.MinPassRate, Flat);
        var camMean = ImageGate.Apply(context, GradCam, cam, config.MinGradCamMassInside, config.MinGradCamMassInside is null ? null : config.MinPassRate, Flat);
        double Lowest(ImageOutcome[] outcomes) => outcomes.Any(o => o.HasSignal) ? outcomes.Where(o => o.HasSignal).Min(o => o.Value) : double.NaN;
        var more = new Dictionary<string, double>();
        var (rows, notes) = (new List<IReadOnlyList<string>>(), new List<string>());
        foreach (var method in config.Methods.Distinct())
        {
            if (partials.Select(p => p.Refused?.GetValueOrDefault(method)).FirstOrDefault(r => r is not null) is { } refusal)
            {
                var reason = $"no {GradientsConfig.MethodNames[method]} map could be made: {refusal}";
                ImageGate.NotMeasured(context, MassInside(method), config.MinMassInside, config.MinPassRate, reason);
                notes.Add($"{reason}.");
                continue;
            }

            var outcomes = partials.SelectMany(p => p.Methods is { } m && m.TryGetValue(method, out var o) ? o : []).OrderBy(i => i.Position).ToArray();
            more[$"{method}_mass_inside_mean"] = ImageGate.Apply(context, MassInside(method), outcomes, config.MinMassInside, config.MinMassInside is null ? null : config.MinPassRate, Flat);
            more[$"{method}_mass_inside_min"] = Lowest(outcomes);
            var reliability = partials.Select(p => p.Reliability?.GetValueOrDefault(method)).OfType<MethodReliability>().ToArray();
            if (reliability.Length > 0)
            {
                var (metrics, row, note) = MethodReliability.Report(MapMethods.Of(method), reliability);
                foreach (var (key, value) in metrics)
                {
                    more[key] = value;
                }

                rows.Add(row);
                notes.AddRange(note is null ? [] : [note]);
            }
        }

        context.Add(new ReportSection(
            "Gradients",
            string.Create(CultureInfo.InvariantCulture,
                $"Saliency is the largest |gradient| of {partials.Select(p => p.Target).FirstOrDefault(t => t is not null) ?? "the predicted class's logit"} over each pixel's channels (Simonyan et al.); Grad-CAM weighs the feature maps of {partials.First(p => p.SaliencyMassInside.Count > 0).GradCamMethod} by their mean gradient (Selvaraju et al.). " +
                $"Mass inside the object box (grown by {config.BoxMargin} px) is the share of each map's positive mass that lies on the object. A zero or constant map is inconclusive.") +
                string.Concat(notes.Select(n => " " + n)),
            new Dictionary<string, double>
            {
                ["saliency_mass_inside_mean"] = saliencyMean,
                ["saliency_mass_inside_min"] = Lowest(saliency),
                ["grad_cam_mass_inside_mean"] = camMean,
                ["grad_cam_mass_inside_min"] = Lowest(cam),
                ["images"] = saliency.Length,
                ["inconclusive_saliency_maps"] = saliency.Count(o => !o.HasSignal),
                ["inconclusive_grad_cam_maps"] = cam.Count(o => !o.HasSignal),
            }.Concat(more).ToDictionary(),
            ShardFigure.InRunOrder(partials.Select(p => p.Figures)))
        {
            Tables = rows.Count == 0 ? [] : [new ReportTable("How far to trust each method's maps", ["method", "settings", "measure", "mean", "max", "images above large", "if large"], rows)],
        });
    }

    /// <summary>
    /// The image, then each method's overlay outlining the box the mass-inside share is measured in; the numbers go in
    /// the caption, which stays legible at any picture size: each map's mass inside the box, and for RISE and LRP how far
    /// to trust it.
    /// </summary>
    private ShardFigure Figure(MeasureContext context, LabeledImage image, AttributionMap saliency, AttributionMap cam, IReadOnlyDictionary<string, AttributionMap> more)
    {
        IReadOnlyList<(string Name, AttributionMap Map)> maps = [("saliency", saliency), ("Grad-CAM", cam), .. more.Select(m => (GradientsConfig.MethodNames[m.Key], m.Value))];
        var box = Near(context, image);
        var trust = more.Select(m => MethodReliability.Sentence(MapMethods.Of(m.Key), context.Methods, m.Value)).OfType<string>();
        var caption = string.Create(CultureInfo.InvariantCulture,
            $"{image.Id}, {context.TargetCaption(saliency.TargetClass, saliency.TargetName)}: image | {string.Join(" | ", maps.Select(m => m.Name))}, each overlay outlining, dashed, " +
            $"the box the mass-inside share is measured in (the object box grown by {config.BoxMargin} px: {box}). Mass inside the box: {string.Join(", ", maps.Select(m => $"{m.Name} {PixelMapMetrics.MassInside(m.Map, box):0.00}"))}.") +
            string.Concat(trust.Select(t => " " + t));
        return new ShardFigure(context.PositionOf(image), new ReportFigure($"gradients-{image.Id}", caption,
            TileGrid.Compose([saliency.Image, .. maps.Select(m => m.Map.RenderOverlay(box))], 1 + maps.Count, 2, 2)));
    }

    /// <summary>One extra method's maps of <paramref name="images"/>, with the run's target; integrated gradients and SmoothGrad one image at a time.</summary>
    private static AttributionMap[] MoreMaps(MeasureContext context, LabeledImage[] images, string method, Action<int> advanced) =>
        MapMethods.Compute(context.Model, images, method, context.Target, context.Methods, advanced).Cast<AttributionMap>().ToArray();

    private static string MassInside(string method) => $"share of {GradientsConfig.MethodNames[method]} mass inside the object box";

    /// <summary>A map with no positive value, or one value everywhere, points nowhere: its mass inside a box is meaningless.</summary>
    internal static bool HasSignal(AttributionMap map)
    {
        var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var v in map.Values)
        {
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }

        return max > 0 && max - min > 1e-6f * Math.Max(Math.Abs(max), Math.Abs(min));
    }

    private (IReadOnlyList<AttributionMap> Saliency, IReadOnlyList<AttributionMap> GradCam) Maps(MeasureContext context, LabeledImage[] images)
    {
        if (images.Length == 0)
        {
            return ([], []);
        }

        var saliency = new Saliency(context.Model);
        var gradCam = new GradCam(context.Model);
        return (saliency.Compute(images, new SaliencyOptions { Target = context.Target }), gradCam.Compute(images, new GradCamOptions { Layer = config.Layer, Target = context.Target }));
    }

    private PixelBox Near(MeasureContext context, LabeledImage image) => context.BoxAtInput(image, config.BoxMargin);
}
