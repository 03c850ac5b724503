using ModelAudit.Filters;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class FiltersStep(FiltersConfig config) : AuditStep<FiltersPartial>
{
    public override FiltersPartial Measure(MeasureContext context)
    {
        if (!context.IsFirstShard)
        {
            return new FiltersPartial(null);
        }

        var layer = config.Layer is null ? null : context.Model.Graph.Conv(config.Layer);
        var report = FilterReport.For(context.Model, layer, config.Options);
        return new FiltersPartial(new FilterFindings(
            report.Layer.NodeName,
            report.Layer.WeightShape,
            report.Filters.Count,
            report.DeadFilters,
            report.NoisyFilters,
            report.NoisyThreshold,
            report.Filters.Where(f => !f.IsDead).Select(f => f.SmoothnessZ).DefaultIfEmpty(double.NaN).Min(),
            report.DuplicatePairs.Count,
            report.Filters.Max(f => f.TotalVariation),
            report.MedianNorm,
            new ReportFigure("filters", "First-layer filters, one tile each.", FilterGrid.Render(report)),
            report.Filters.Select(f => f.SmoothnessZ).ToArray()));
    }

    public override void Finish(IReadOnlyList<FiltersPartial> partials, FinishContext context)
    {
        var f = partials.Select(p => p.Findings).Single(p => p is not null)!;
        context.Gate($"dead filters in {f.Layer}", f.DeadFilters.Count, Comparison.AtMost, config.MaxDeadFilters, List(f.DeadFilters));
        context.Gate($"noisy filters in {f.Layer}", f.NoisyFilters.Count, Comparison.AtMost, config.MaxNoisyFilters, List(f.NoisyFilters));
        if (config.MaxDuplicatePairs is not null)
        {
            context.Gate($"near-duplicate filter pairs in {f.Layer}", f.DuplicatePairs, Comparison.AtMost, config.MaxDuplicatePairs);
        }
        context.Add(new ReportSection(
            $"Filters of {f.Layer}",
            $"{f.FilterCount} filters of shape {string.Join("×", f.WeightShape)}, each normalised on its own (CS231n: trained first-layer filters are smooth; all-zero filters are dead). " +
            $"Dead: {List(f.DeadFilters)}. Noisy (smoothness z below {f.NoisyThreshold:0.##}, i.e. not clearly smoother than i.i.d. Gaussian filters of the same shape): {List(f.NoisyFilters)}.",
            new Dictionary<string, double>
            {
                ["dead_filters"] = f.DeadFilters.Count,
                ["noisy_filters"] = f.NoisyFilters.Count,
                ["duplicate_pairs"] = f.DuplicatePairs,
                ["max_total_variation"] = f.MaxTotalVariation,
                ["min_smoothness_z"] = f.MinSmoothnessZ,
                ["noisy_threshold"] = f.NoisyThreshold,
                ["median_norm"] = f.MedianNorm,
            },
            [f.Grid])
        {
            Series = f.Series,
        });
    }

    internal static string List(IReadOnlyList<int> indices) => indices.Count == 0 ? "none" : string.Join(", ", indices.Select(i => $"#{i}"));
}
