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
        var images = context.Slice(config.MaxImages).Where(i => i.Box is not null).ToArray();
        var (saliency, cams) = Maps(context, images);
        var shown = context.All(config.MaxImages).Where(i => i.Box is not null).Take(Pictures).ToHashSet();
        var figures = images.Select((image, i) => (image, i)).Where(p => shown.Contains(p.image)).Select(p => new ShardFigure(
            context.PositionOf(p.image),
            new ReportFigure($"gradients-{p.image.Id}",
                string.Create(CultureInfo.InvariantCulture,
                    $"{p.image.Id}: image | saliency | Grad-CAM; class {context.ClassName(saliency[p.i].TargetClass)}, mass inside box {PixelMapMetrics.MassInside(saliency[p.i], Near(p.image, saliency[p.i])):0.00} and {PixelMapMetrics.MassInside(cams[p.i], Near(p.image, cams[p.i])):0.00}."),
                TileGrid.Compose([saliency[p.i].Image, saliency[p.i].RenderOverlay(), cams[p.i].RenderOverlay()], 3, 2, 2)))).ToArray();
        return new GradientsPartial(
            images.Select(i => i.Id).ToArray(),
            saliency.Select((m, i) => PixelMapMetrics.MassInside(m, Near(images[i], m))).ToArray(),
            cams.Select((m, i) => PixelMapMetrics.MassInside(m, Near(images[i], m))).ToArray(),
            figures,
            cams.Count > 0 ? cams[0].Method : "grad-cam");
    }

    public override void Finish(IReadOnlyList<GradientsPartial> partials, FinishContext context)
    {
        var saliency = partials.SelectMany(s => s.SaliencyMassInside).ToArray();
        var cam = partials.SelectMany(s => s.GradCamMassInside).ToArray();
        if (saliency.Length == 0)
        {
            context.Add(new ReportSection("Gradients", "No image has an object box, so gradient maps were not measured.", new Dictionary<string, double>(), []));
            return;
        }

        context.Gate("mean share of saliency mass inside the object box", saliency.Average(), Comparison.AtLeast, config.MinSaliencyMassInside,
            string.Create(CultureInfo.InvariantCulture, $"{saliency.Length} images, lowest {saliency.Min():0.00}"));
        context.Gate("mean share of Grad-CAM mass inside the object box", cam.Average(), Comparison.AtLeast, config.MinGradCamMassInside,
            string.Create(CultureInfo.InvariantCulture, $"{cam.Length} images, lowest {cam.Min():0.00}"));
        context.Add(new ReportSection(
            "Gradients",
            string.Create(CultureInfo.InvariantCulture,
                $"Saliency is the largest |gradient| of the predicted class's logit over each pixel's channels (Simonyan et al.); Grad-CAM weighs the feature maps of {partials.First(p => p.Ids.Count > 0).GradCamMethod} by their mean gradient (Selvaraju et al.). " +
                $"Mass inside the object box (grown by {config.BoxMargin} px) is the share of each map's positive mass that lies on the object."),
            new Dictionary<string, double>
            {
                ["saliency_mass_inside_mean"] = saliency.Average(),
                ["saliency_mass_inside_min"] = saliency.Min(),
                ["grad_cam_mass_inside_mean"] = cam.Average(),
                ["grad_cam_mass_inside_min"] = cam.Min(),
                ["images"] = saliency.Length,
            },
            ShardFigure.InRunOrder(partials.Select(p => p.Figures))));
    }

    private (IReadOnlyList<AttributionMap> Saliency, IReadOnlyList<AttributionMap> GradCam) Maps(MeasureContext context, LabeledImage[] images)
    {
        if (images.Length == 0)
        {
            return ([], []);
        }

        var saliency = new Saliency(context.Model);
        var gradCam = new GradCam(context.Model);
        var pictures = images.Select(i => i.Image).ToArray();
        return (saliency.Compute(pictures), gradCam.Compute(pictures, new GradCamOptions { Layer = config.Layer }));
    }

    private PixelBox Near(LabeledImage image, AttributionMap map) =>
        image.Box!.Value.Inflate(config.BoxMargin, new PixelBox(0, 0, map.Width, map.Height));
}
