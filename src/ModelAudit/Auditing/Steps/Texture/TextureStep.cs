using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Reporting;
using ModelAudit.Texture;

namespace ModelAudit.Auditing;

internal sealed class TextureStep(TextureConfig config) : AuditStep<TexturePartial>
{
    public override TexturePartial Measure(MeasureContext context) => context.IsFirstShard
        ? Statistics(context) with { CueConflict = TextureCueConflict.Measure(config, context) }
        : new TexturePartial([], [], 0, null);

    public override void Finish(IReadOnlyList<TexturePartial> partials, FinishContext context)
    {
        if (config.MaxDrift is { } max)
        {
            context.NotMeasured(TextureConfig.DriftCheck, Comparison.AtMost, max, "texture drift compares two models; run 'modelaudit compare --baseline OLD.onnx --candidate NEW.onnx --config …'");
        }

        Statistics(partials, context);
        TextureCueConflict.Finish(config, partials.Select(p => p.CueConflict).FirstOrDefault(c => c is not null), context);
    }

    private TexturePartial Statistics(MeasureContext context)
    {
        var images = context.All(config.MaxImages);
        if (images.Count == 0)
        {
            return new TexturePartial([], [], 0, config.MaxImages == 0 ? "audits.texture.max_images is 0, so no image was measured" : "the run has no images");
        }

        context.Advance(0, images.Count, "images");
        TextureStatisticsResult result;
        try
        {
            result = new TextureStatistics(context.Model).Compute(images.Select(i => i.Image).ToArray(), config.Options);
        }
        catch (ArgumentException ex)
        {
            throw new AuditConfigException($"audits.texture.layers: {ex.Message}") { Key = "audits.texture.layers" };
        }

        context.Advance(images.Count, images.Count, "images");
        var rows = result.Layers.Select(l => new TextureRow(l.Layer, l.Channels, l.EffectiveRank, l.TopEigenvalueShare, l.Diversity, l.Spectrum.Take(8).ToArray())).ToArray();
        var figures = result.Layers.Select((l, i) => new ShardFigure(i, new ReportFigure(
            $"texture-{i}",
            string.Create(CultureInfo.InvariantCulture, $"{l.Layer}: mean Gram matrix of {images.Count} images ({l.Channels}×{l.Channels}, channel i's row top to bottom); effective rank {l.EffectiveRank:0.0}."),
            TileGrid.Compose([l.Render()], 1, Math.Max(1, 256 / l.Channels))))).ToArray();
        return new TexturePartial(rows, figures, images.Count, null);
    }

    private static void Statistics(IReadOnlyList<TexturePartial> partials, FinishContext context)
    {
        var run = partials.FirstOrDefault(p => p.Layers.Count > 0 || p.NotMeasured is not null);
        if (run is null || run.Layers.Count == 0)
        {
            context.Add(new ReportSection("Texture statistics", $"Not measured: {run?.NotMeasured ?? "no image was measured"}.", new Dictionary<string, double>(), []));
            return;
        }

        var metrics = new Dictionary<string, double> { ["images"] = run.Images };
        for (var i = 0; i < run.Layers.Count; i++)
        {
            metrics[$"layer{i}_effective_rank"] = run.Layers[i].EffectiveRank;
            metrics[$"layer{i}_diversity"] = run.Layers[i].Diversity;
        }

        context.Add(new ReportSection(
            "Texture statistics",
            "Gram matrices G = F Fᵀ / positions of each layer's activations (Gatys et al.): which channels fire together, wherever in the image — the layer's texture representation. " +
            "Effective rank exp(H) of the spectrum: how many independent texture directions the layer uses; diversity: mean relative distance of the images' Gram matrices from their mean.",
            metrics,
            ShardFigure.InRunOrder(partials.Select(p => p.Figures)))
        {
            Tables =
            [
                new ReportTable("Per layer", ["layer", "channels", "effective rank", "top eigenvalue share", "diversity", "largest eigenvalues"],
                    run.Layers.Select(l => (IReadOnlyList<string>)
                    [
                        l.Layer, l.Channels.ToString(CultureInfo.InvariantCulture),
                        CellNumber.Format(l.EffectiveRank), CellNumber.Format(l.TopEigenvalueShare), CellNumber.Format(l.Diversity),
                        string.Join(", ", l.TopEigenvalues.Select(v => CellNumber.Trimmed(v, 3))),
                    ]).ToArray()),
            ],
        });
    }
}
