using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>
/// What the filters audit reports of one layer: its findings, summary statistics and filter grid, and each filter's
/// smoothness score (absent from shard files written before it was recorded).
/// </summary>
internal sealed record FilterFindings(
    string Layer,
    IReadOnlyList<int> WeightShape,
    int FilterCount,
    IReadOnlyList<int> DeadFilters,
    IReadOnlyList<int> NoisyFilters,
    double NoisyThreshold,
    double MinSmoothnessZ,
    int DuplicatePairs,
    double MaxTotalVariation,
    double MedianNorm,
    ReportFigure Grid,
    IReadOnlyList<double>? SmoothnessZ = null)
{
    /// <summary>Each filter's smoothness z and state (smooth, noisy, dead), for the report and for comparing two runs.</summary>
    public IReadOnlyList<ReportSeries> Series => SmoothnessZ is { } z
        ?
        [
            new ReportSeries($"filters of {Layer}", "filter", "smoothness z (lower is noisier)", z,
                z.Select((_, i) => DeadFilters.Contains(i) ? "dead" : NoisyFilters.Contains(i) ? "noisy" : "smooth").ToArray()),
        ]
        : [];
}
