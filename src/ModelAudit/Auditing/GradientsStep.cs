using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class GradientsStep(GradientsConfig config) : IAuditStep
{
    private const int Pictures = 3;

    public string Name => "gradients";

    public StepPartial Measure(AuditContext context)
    {
        var images = context.Slice(config.MaxImages).Where(i => i.Box is not null).ToArray();
        var (saliency, cams) = Maps(context, images);
        return new GradientsPartial(
            images.Select(i => i.Id).ToArray(),
            saliency.Select((m, i) => PixelMapMetrics.MassInside(m, Near(images[i], m))).ToArray(),
            cams.Select((m, i) => PixelMapMetrics.MassInside(m, Near(images[i], m))).ToArray());
    }

    public void Finish(IReadOnlyList<StepPartial> partials, AuditContext context)
    {
        var shards = partials.Cast<GradientsPartial>().ToArray();
        var saliency = shards.SelectMany(s => s.SaliencyMassInside).ToArray();
        var cam = shards.SelectMany(s => s.GradCamMassInside).ToArray();
        if (saliency.Length == 0)
        {
            context.Add(new ReportSection("Gradients", "No image has an object box, so gradient maps were not measured.", new Dictionary<string, double>(), []));
            return;
        }

        context.Gate(Name, "mean share of saliency mass inside the object box", saliency.Average(), Comparison.AtLeast, config.MinSaliencyMassInside,
            string.Create(CultureInfo.InvariantCulture, $"{saliency.Length} images, lowest {saliency.Min():0.00}"));
        context.Gate(Name, "mean share of Grad-CAM mass inside the object box", cam.Average(), Comparison.AtLeast, config.MinGradCamMassInside,
            string.Create(CultureInfo.InvariantCulture, $"{cam.Length} images, lowest {cam.Min():0.00}"));

        var shown = context.All(config.MaxImages).Where(i => i.Box is not null).Take(Pictures).ToArray();
        var (maps, cams) = Maps(context, shown);
        context.Add(new ReportSection(
            "Gradients",
            string.Create(CultureInfo.InvariantCulture,
                $"Saliency is the largest |gradient| of the predicted class's logit over each pixel's channels (Simonyan et al.); Grad-CAM weighs the feature maps of {(cams.Count > 0 ? cams[0].Method : "grad-cam")} by their mean gradient (Selvaraju et al.). " +
                $"Mass inside the object box (grown by {config.BoxMargin} px) is the share of each map's positive mass that lies on the object."),
            new Dictionary<string, double>
            {
                ["saliency_mass_inside_mean"] = saliency.Average(),
                ["saliency_mass_inside_min"] = saliency.Min(),
                ["grad_cam_mass_inside_mean"] = cam.Average(),
                ["grad_cam_mass_inside_min"] = cam.Min(),
                ["images"] = saliency.Length,
            },
            shown.Select((s, i) => new ReportFigure($"gradients-{s.Id}",
                string.Create(CultureInfo.InvariantCulture,
                    $"{s.Id}: image | saliency | Grad-CAM; class {context.Classes.ElementAtOrDefault(maps[i].TargetClass) ?? maps[i].TargetClass.ToString(CultureInfo.InvariantCulture)}, mass inside box {PixelMapMetrics.MassInside(maps[i], Near(s, maps[i])):0.00} and {PixelMapMetrics.MassInside(cams[i], Near(s, cams[i])):0.00}."),
                TileGrid.Compose([maps[i].Image, maps[i].RenderOverlay(), cams[i].RenderOverlay()], 3, 2, 2))).ToArray()));
    }

    private (IReadOnlyList<AttributionMap> Saliency, IReadOnlyList<AttributionMap> GradCam) Maps(AuditContext context, LabeledImage[] images)
    {
        if (images.Length == 0)
        {
            return ([], []);
        }

        using var saliency = new Saliency(context.Model);
        using var gradCam = new GradCam(context.Model);
        var pictures = images.Select(i => i.Image).ToArray();
        return (saliency.Compute(pictures), gradCam.Compute(pictures, new GradCamOptions { Layer = config.Layer }));
    }

    private PixelBox Near(LabeledImage image, AttributionMap map) =>
        image.Box!.Value.Inflate(config.BoxMargin, new PixelBox(0, 0, map.Width, map.Height));
}
