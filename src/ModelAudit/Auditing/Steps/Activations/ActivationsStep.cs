using ModelAudit.Activations;
using ModelAudit.Models;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class ActivationsStep(ActivationsConfig config) : AuditStep<ActivationsPartial>
{
    private const int Probes = 64;

    private IReadOnlyList<string> Layers(AuditModel model) => config.Layers ?? [model.Graph.FirstConv.Output];

    public override ActivationsPartial Measure(MeasureContext context)
    {
        var layers = Layers(context.Model);
        var probes = context.Slice(Probes);
        context.Advance(0, probes.Count, "probes");
        var totals = probes.Count == 0 ? [] : new ActivationAnalysis(context.Model).Totals(probes.Select(i => i.Image).ToArray(), layers);
        context.Advance(probes.Count, probes.Count, "probes");
        return new ActivationsPartial(probes.Select(context.PositionOf).ToArray(), totals, context.IsFirstShard ? Figures(context, layers) : null);
    }

    public override void Finish(IReadOnlyList<ActivationsPartial> partials, FinishContext context)
    {
        var figures = partials.Select(p => p.Figures).Single(f => f is not null)!;
        var shards = partials.Where(p => p.Positions.Count > 0).ToArray();
        var metrics = new Dictionary<string, double>();
        var series = new List<ReportSeries>();
        var probeCount = shards.Sum(s => s.Positions.Count);
        var layers = partials[0].Layers.Select(l => l.Layer).ToArray();
        var positions = shards.Select(s => s.Positions).ToArray();
        foreach (var layer in layers.Select((_, i) => ChannelTotals.Statistics([ChannelTotals.InOrder(shards.Select(s => s.Layers[i]).ToArray(), positions)])))
        {
            context.Gate($"dead channels in {layer.Layer} (fraction)", layer.DeadFraction, Comparison.AtMost, config.MaxDeadChannelFraction,
                layer.DeadChannels.Count == 0 ? "none" : "channels " + string.Join(", ", layer.DeadChannels));
            metrics[$"{layer.Layer}.dead_fraction"] = layer.DeadFraction;
            metrics[$"{layer.Layer}.sparsity"] = layer.Sparsity;
            series.Add(new ReportSeries($"channels of {layer.Layer}", "channel", "firing fraction (share of positions > 0)", layer.FiringFraction,
                Enumerable.Range(0, layer.ChannelCount).Select(c => layer.DeadChannels.Contains(c) ? "dead" : "alive").ToArray()));
        }

        context.Add(new ReportSection(
            "Activations",
            $"Statistics over {probeCount} probe images. A channel is dead when it never fires on any probe (CS231n). The grid shows every channel of {layers[0]} for the first image; " +
            $"below, the image patches (each channel's receptive field, {figures.FieldHeight}×{figures.FieldWidth} px) that excite the first channels of {layers[^1]} most (Zeiler & Fergus's top 9).",
            metrics,
            [figures.Grid, figures.TopPatches])
        {
            Series = series,
        });
    }

    private static ActivationFigures Figures(MeasureContext context, IReadOnlyList<string> layers)
    {
        var (first, last) = (layers[0], layers[^1]);
        var top = new TopActivationSearch(context.Model).Compute(context.All(Probes).Select(i => i.Image).ToArray(), last, new TopActivationOptions { Channels = Enumerable.Range(0, 8).ToArray() });
        return new ActivationFigures(
            new ReportFigure("activations", $"Every channel of {first} for one image.", ActivationGrid.Render(context.Model.Predict(context.Images[0].Image, first).Tap(first))),
            new ReportFigure("top-patches", $"Top-9 probe patches for channels 0–7 of {last}, one row per channel.", top.Render()),
            top.Field.Height,
            top.Field.Width);
    }
}
