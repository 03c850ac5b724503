using System.Globalization;

namespace ModelAudit.Reporting;

/// <summary>Where an audit run's inputs came from, so a report can be traced and reproduced.</summary>
public sealed record Provenance(
    string ModelName,
    string ModelSha256,
    string InputSpec,
    string ImageSetSha256,
    int ImageCount,
    string ModelAuditVersion,
    DateTimeOffset RunAt,
    IReadOnlyDictionary<string, string> Settings);

/// <summary>
/// The immutable record of one audit run: the checks, the sections with their pictures, and the provenance.
/// Every report format is written from this one object; none of them runs the model.
/// </summary>
public sealed record AuditRun(string Title, Provenance Provenance, IReadOnlyList<CheckResult> Checks, IReadOnlyList<ReportSection> Sections)
{
    public bool Passed => Checks.All(c => c.Passed);

    public int FailedCount => Checks.Count(c => !c.Passed);

    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : Math.Abs(value) >= 1e4 || (value != 0 && Math.Abs(value) < 1e-3)
            ? value.ToString("0.###e+0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The ModelAudit assembly's informational version.</summary>
    public static string LibraryVersion =>
        typeof(AuditRun).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
