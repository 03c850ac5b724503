using ModelAudit.Imaging;

namespace ModelAudit.Reporting;

/// <summary>A named picture in a report section.</summary>
public sealed record ReportFigure(string Name, string Caption, RgbImage Image);

/// <summary>One audit's part of a report: a title, a short text, its metrics and its pictures.</summary>
public sealed record ReportSection(
    string Title,
    string Summary,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<ReportFigure> Figures);
