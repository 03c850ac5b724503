using ModelAudit.Imaging;

namespace ModelAudit.Reporting;

/// <summary>A named picture in a report section.</summary>
public sealed record ReportFigure(string Name, string Caption, RgbImage Image);

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
}
