using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Occlusion;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class OcclusionStep(OcclusionConfig config) : IAuditStep
{
    private const int Pictures = 3;

    public string Name => "occlusion";

    private OcclusionOptions Options => new()
    {
        Window = config.Window,
        Stride = config.Stride,
        Mode = config.Incremental ? OcclusionMode.Incremental : OcclusionMode.Full,
    };

    public StepPartial Measure(AuditContext context)
    {
        var images = context.Slice(config.MaxImages).Where(i => i.Box is not null).ToArray();
        var maps = new OcclusionSensitivity(context.Model).Compute(images.Select(i => i.Image).ToArray(), Options);
        return new OcclusionPartial(
            images.Select(i => i.Id).ToArray(),
            maps.Select((m, i) => PixelMapMetrics.MassInside(m, Near(images[i].Box!.Value, m))).ToArray(),
            maps.Select((m, i) => PixelMapMetrics.PeakInside(m, Near(images[i].Box!.Value, m))).ToArray());
    }

    public void Finish(IReadOnlyList<StepPartial> partials, AuditContext context)
    {
        var shards = partials.Cast<OcclusionPartial>().ToArray();
        var mass = shards.SelectMany(s => s.MassInside).ToArray();
        var pointing = shards.SelectMany(s => s.PeakInside).ToArray();
        if (mass.Length == 0)
        {
            context.Add(new ReportSection("Occlusion sensitivity", "No image has an object box, so occlusion was not measured.", new Dictionary<string, double>(), []));
            return;
        }

        var meanMass = mass.Average();
        var pointingRate = pointing.Count(p => p) / (double)pointing.Length;
        var worst = mass.Min();
        context.Gate(Name, "mean share of occlusion drop mass inside the object box", meanMass, Comparison.AtLeast, config.MinMassInside,
            string.Create(CultureInfo.InvariantCulture, $"{mass.Length} images, lowest {worst:0.00}"));
        context.Gate(Name, "share of maps peaking inside the object box (pointing game)", pointingRate, Comparison.AtLeast, config.MinPointingGame,
            string.Create(CultureInfo.InvariantCulture, $"{pointing.Count(p => p)} of {pointing.Length}"));

        var shown = context.All(config.MaxImages).Where(i => i.Box is not null).Take(Pictures).ToArray();
        var maps = new OcclusionSensitivity(context.Model).Compute(shown.Select(i => i.Image).ToArray(), Options);
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
            maps.Select((m, i) => new ReportFigure($"occlusion-{shown[i].Id}",
                string.Create(CultureInfo.InvariantCulture, $"{shown[i].Id}: image | map | overlay; class {context.Classes.ElementAtOrDefault(m.TargetClass) ?? m.TargetClass.ToString(CultureInfo.InvariantCulture)}, p = {m.BaseProbability:0.00}, mass inside box {PixelMapMetrics.MassInside(m, Near(shown[i].Box!.Value, m)):0.00}."),
                OcclusionRendering.SideBySide(m))).ToArray()));
    }

    private ModelAudit.Imaging.PixelBox Near(ModelAudit.Imaging.PixelBox box, OcclusionMap map) =>
        box.Inflate(config.BoxMargin, new ModelAudit.Imaging.PixelBox(0, 0, map.Width, map.Height));
}
