using ModelAudit.Activations;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class ActivationsStep(ActivationsConfig config) : IAuditStep
{
    private const int Probes = 64;

    public string Name => "activations";

    private IReadOnlyList<string> Layers(AuditContext context) => config.Layers ?? [context.Model.Graph.FirstConv.Output];

    public StepPartial Measure(AuditContext context)
    {
        var probes = context.Slice(Probes).Select(i => i.Image).ToArray();
        return new ActivationsPartial(probes.Length, ActivationStatistics.Compute(context.Model, probes, Layers(context)).Layers);
    }

    public void Finish(IReadOnlyList<StepPartial> partials, AuditContext context)
    {
        var shards = partials.Cast<ActivationsPartial>().Where(p => p.ProbeCount > 0).ToArray();
        var metrics = new Dictionary<string, double>();
        var probeCount = shards.Sum(s => s.ProbeCount);
        foreach (var layer in Layers(context).Select((name, i) => Combine(shards.Select(s => (s.ProbeCount, s.Layers[i])).ToArray())))
        {
            context.Gate(Name, $"dead channels in {layer.Layer} (fraction)", layer.DeadFraction, Comparison.AtMost, config.MaxDeadChannelFraction,
                layer.DeadChannels.Count == 0 ? "none" : "channels " + string.Join(", ", layer.DeadChannels));
            metrics[$"{layer.Layer}.dead_fraction"] = layer.DeadFraction;
            metrics[$"{layer.Layer}.sparsity"] = layer.Sparsity;
        }

        var first = Layers(context)[0];
        context.Add(new ReportSection(
            "Activations",
            $"Statistics over {probeCount} probe images. A channel is dead when it never fires on any probe (CS231n). The grid shows every channel of {first} for the first image.",
            metrics,
            [new ReportFigure("activations", $"Every channel of {first} for one image.", ActivationGrid.Render(context.Model, context.Images[0].Image, first))]));
    }

    /// <summary>Exact combination of per-shard statistics: means and fractions weighted by probe count, maxima of maxima.</summary>
    internal static LayerActivationStatistics Combine(IReadOnlyList<(int Probes, LayerActivationStatistics Stats)> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0].Stats;
        }

        var total = (double)parts.Sum(p => p.Probes);
        var channels = parts[0].Stats.ChannelCount;
        double[] Weighted(Func<LayerActivationStatistics, IReadOnlyList<double>> pick) =>
            Enumerable.Range(0, channels).Select(c => parts.Sum(p => pick(p.Stats)[c] * p.Probes) / total).ToArray();
        var firing = Weighted(s => s.FiringFraction);
        return parts[0].Stats with
        {
            Mean = Weighted(s => s.Mean),
            Max = Enumerable.Range(0, channels).Select(c => parts.Max(p => p.Stats.Max[c])).ToArray(),
            FiringFraction = firing,
            DeadChannels = Enumerable.Range(0, channels).Where(c => parts.All(p => p.Stats.DeadChannels.Contains(c))).ToArray(),
            Sparsity = parts.Sum(p => p.Stats.Sparsity * p.Probes) / total,
        };
    }
}
