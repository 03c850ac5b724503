using ModelAudit.Activations;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class ActivationsStep(ActivationsConfig config) : IAuditStep
{
    public string Name => "activations";

    public void Run(AuditContext context)
    {
        var layers = config.Layers ?? [context.Model.Graph.FirstConv.Output];
        var probes = context.Images.Take(64).Select(i => i.Image).ToArray();
        var stats = ActivationStatistics.Compute(context.Model, probes, layers);
        var metrics = new Dictionary<string, double>();
        foreach (var layer in stats.Layers)
        {
            context.Gate(Name, $"dead channels in {layer.Layer} (fraction)", layer.DeadFraction, Comparison.AtMost, config.MaxDeadChannelFraction,
                layer.DeadChannels.Count == 0 ? "none" : "channels " + string.Join(", ", layer.DeadChannels));
            metrics[$"{layer.Layer}.dead_fraction"] = layer.DeadFraction;
            metrics[$"{layer.Layer}.sparsity"] = layer.Sparsity;
        }

        var first = stats.Layers[0].Layer;
        context.Add(new ReportSection(
            "Activations",
            $"Statistics over {stats.ProbeCount} probe images. A channel is dead when it never fires on any probe. The grid shows every channel of {first} for the first image.",
            metrics,
            [new ReportFigure("activations", $"Every channel of {first} for one image.", ActivationGrid.Render(context.Model, probes[0], first))]));
    }
}
