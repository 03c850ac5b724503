using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Occlusion;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class OcclusionStep(OcclusionConfig config) : AuditStep<OcclusionPartial>
{
    private const int Pictures = 3;

    private OcclusionOptions Options => new()
    {
        Window = config.Window,
        Stride = config.Stride,
        Mode = config.Incremental ? OcclusionMode.Incremental : OcclusionMode.Full,
    };

    public override OcclusionPartial Measure(MeasureContext context)
    {
        var images = context.Slice(config.MaxImages).Where(i => i.Box is not null).ToArray();
        var maps = new OcclusionSensitivity(context.Model).Compute(images.Select(i => i.Image).ToArray(), Options);
        var shown = context.All(config.MaxImages).Where(i => i.Box is not null).Take(Pictures).ToHashSet();
        var figures = images.Select((image, i) => (image, map: maps[i])).Where(p => shown.Contains(p.image)).Select(p => new ShardFigure(
            context.PositionOf(p.image),
            new ReportFigure($"occlusion-{p.image.Id}",
                string.Create(CultureInfo.InvariantCulture, $"{p.image.Id}: image | map | overlay; class {context.ClassName(p.map.TargetClass)}, p = {p.map.BaseProbability:0.00}, mass inside box {PixelMapMetrics.MassInside(p.map, Near(p.image.Box!.Value, p.map)):0.00}."),
                OcclusionRendering.SideBySide(p.map)))).ToArray();
        return new OcclusionPartial(
            images.Select(i => i.Id).ToArray(),
            maps.Select((m, i) => PixelMapMetrics.MassInside(m, Near(images[i].Box!.Value, m))).ToArray(),
            maps.Select((m, i) => PixelMapMetrics.PeakInside(m, Near(images[i].Box!.Value, m))).ToArray(),
            figures);
    }

    public override void Finish(IReadOnlyList<OcclusionPartial> partials, FinishContext context)
    {
        var mass = partials.SelectMany(s => s.MassInside).ToArray();
        var pointing = partials.SelectMany(s => s.PeakInside).ToArray();
        if (mass.Length == 0)
        {
            context.Add(new ReportSection("Occlusion sensitivity", "No image has an object box, so occlusion was not measured.", new Dictionary<string, double>(), []));
            return;
        }

        var meanMass = mass.Average();
        var pointingRate = pointing.Count(p => p) / (double)pointing.Length;
        var worst = mass.Min();
        context.Gate("mean share of occlusion drop mass inside the object box", meanMass, Comparison.AtLeast, config.MinMassInside,
            string.Create(CultureInfo.InvariantCulture, $"{mass.Length} images, lowest {worst:0.00}"));
        context.Gate("share of maps peaking inside the object box (pointing game)", pointingRate, Comparison.AtLeast, config.MinPointingGame,
            string.Create(CultureInfo.InvariantCulture, $"{pointing.Count(p => p)} of {pointing.Length}"));
        context.Add(new ReportSection(
            "Occlusion sensitivity",
            string.Create(CultureInfo.InvariantCulture,
                $"A {config.Window}×{config.Window} grey square slides over each image with stride {config.Stride}; each pixel shows the mean drop in the target class's probability over the windows covering it (Zeiler & Fergus, Fig. 7). " +
                $"Mass inside the object box (grown by {config.BoxMargin} px) is the share of the positive drop that lies on the object.") +
                (config.Incremental ? " Maps computed by exact incremental inference: each window recomputes only the region of each layer it can change; equal to full re-inference up to float rounding." : ""),
            new Dictionary<string, double>
            {
                ["mass_inside_mean"] = meanMass,
                ["mass_inside_min"] = worst,
                ["pointing_game"] = pointingRate,
                ["images"] = mass.Length,
            },
            ShardFigure.InRunOrder(partials.Select(p => p.Figures))));
    }

    private PixelBox Near(PixelBox box, OcclusionMap map) => box.Inflate(config.BoxMargin, new PixelBox(0, 0, map.Width, map.Height));
}
