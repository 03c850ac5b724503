using ModelAudit.Imaging;

namespace ModelAudit.Reporting;

/// <summary>A named picture in a report section.</summary>
public sealed record ReportFigure(string Name, string Caption, RgbImage Image)
{
    /// <summary>
    /// In a comparison of two runs, the baseline run's figure of the same name, shown before this one with its own
    /// caption. Default none.
    /// </summary>
    public ReportFigure? Before { get; init; }

    /// <summary>
    /// Whether the same figure of two runs can be compared pixel by pixel. False for a picture whose layout is arbitrary
    /// (a t-SNE map: the same separation can land rotated or mirrored), which a comparison then does not rank among the
    /// pictures that changed most. Default true.
    /// </summary>
    public bool ComparableAcrossRuns { get; init; } = true;
}

/// <summary>A table in a report section: one row per class, method or image, cells already formatted.</summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>One audit's part of a report: a title, a short text, its metrics and its pictures.</summary>
public sealed record ReportSection(
    string Title,
    string Summary,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<ReportFigure> Figures)
{
    /// <summary>Tables shown between the metrics and the figures. Default none.</summary>
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];

    /// <summary>Per-unit numbers — per filter, per channel — that a comparison can name units by. Default none.</summary>
    public IReadOnlyList<ReportSeries> Series { get; init; } = [];

    /// <summary>
    /// In a comparison of two runs, the baseline run's metrics of this section, shown beside <see cref="Metrics"/> (the
    /// candidate's) with their differences. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, double>? BaselineMetrics { get; init; }
}
