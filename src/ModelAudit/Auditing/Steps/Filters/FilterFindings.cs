using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>What the filters audit reports of one layer: its findings, summary statistics and filter grid.</summary>
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
    ReportFigure Grid);
