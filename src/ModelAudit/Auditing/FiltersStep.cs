using ModelAudit.Filters;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class FiltersStep(FiltersConfig config) : IAuditStep
{
    public string Name => "filters";

    public StepPartial Measure(AuditContext context) => new FiltersPartial();

    public void Finish(IReadOnlyList<StepPartial> partials, AuditContext context)
    {
        var layer = config.Layer is null ? null : context.Model.Graph.Conv(config.Layer);
        var report = FilterReport.For(context.Model, layer);
        context.Gate(Name, $"dead filters in {report.Layer.NodeName}", report.DeadFilters.Count, Comparison.AtMost, config.MaxDeadFilters, List(report.DeadFilters));
        context.Gate(Name, $"noisy filters in {report.Layer.NodeName}", report.NoisyFilters.Count, Comparison.AtMost, config.MaxNoisyFilters, List(report.NoisyFilters));
        context.Add(new ReportSection(
            $"Filters of {report.Layer.NodeName}",
            $"{report.Filters.Count} filters of shape {string.Join("×", report.Layer.WeightShape)}, each normalised on its own (CS231n: trained first-layer filters are smooth; all-zero filters are dead). " +
            $"Dead: {List(report.DeadFilters)}. Noisy (total variation > {report.Options.NoisyTotalVariation:0.##}): {List(report.NoisyFilters)}.",
            new Dictionary<string, double>
            {
                ["dead_filters"] = report.DeadFilters.Count,
                ["noisy_filters"] = report.NoisyFilters.Count,
                ["duplicate_pairs"] = report.DuplicatePairs.Count,
                ["max_total_variation"] = report.Filters.Max(f => f.TotalVariation),
                ["median_norm"] = report.MedianNorm,
            },
            [new ReportFigure("filters", "First-layer filters, one tile each.", FilterGrid.Render(report))]));
    }

    internal static string List(IReadOnlyList<int> indices) => indices.Count == 0 ? "none" : string.Join(", ", indices.Select(i => $"#{i}"));
}
