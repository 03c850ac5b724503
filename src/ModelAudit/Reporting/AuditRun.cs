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
    /// <summary>Wall time and forward passes per stage, in run order; not part of any gate. Default none.</summary>
    public IReadOnlyList<StageTiming> Timings { get; init; } = [];

    /// <summary>
    /// For a comparison of two runs (<see cref="RunComparison"/>), the baseline run: reports then show each check's
    /// baseline value beside this run's, with the difference. Default none.
    /// </summary>
    public AuditRun? Baseline { get; init; }

    /// <summary>True when no check closes the gate (see <see cref="CheckResult.Blocks"/>).</summary>
    public bool Passed => Checks.All(c => !c.Blocks);

    /// <summary>Checks that close the gate: failed, not measured or inconclusive (unless allowed).</summary>
    public int FailedCount => Checks.Count(c => c.Blocks);

    /// <summary>True when checks were configured but none of them could be measured: the run says nothing about the model.</summary>
    public bool MeasuredNothing => Checks.Count > 0 && Checks.All(c => c.Verdict == Verdict.NotMeasured);

    /// <summary>The verdict in one phrase, e.g. <c>all 9 checks passed</c> or <c>2 of 9 checks failed, 1 not measured</c>.</summary>
    public string Summary
    {
        get
        {
            var counts = new[] { (Verdict.Failed, "failed"), (Verdict.NotMeasured, "not measured"), (Verdict.Inconclusive, "inconclusive") }
                .Select(v => (Count: Checks.Count(c => c.Verdict == v.Item1), Word: v.Item2)).Where(v => v.Count > 0).ToArray();
            if (counts.Length == 0)
            {
                return Checks.Count == 1 ? "the 1 check passed" : string.Create(CultureInfo.InvariantCulture, $"all {Checks.Count} checks passed");
            }

            var rest = counts.Skip(1).Select(v => string.Create(CultureInfo.InvariantCulture, $", {v.Count} {v.Word}"));
            return string.Create(CultureInfo.InvariantCulture, $"{counts[0].Count} of {Checks.Count} check{(Checks.Count == 1 ? "" : "s")} {counts[0].Word}{string.Concat(rest)}{(Passed ? " (allowed: the gate passes)" : "")}");
        }
    }

    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : Math.Abs(value) >= 1e4 || (value != 0 && Math.Abs(value) < 1e-3)
            ? value.ToString("0.###e+0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A difference with its sign, e.g. <c>+0.25</c>, <c>-3</c> or <c>0</c>; <c>—</c> when either side was not measured.</summary>
    public static string FormatDelta(double before, double after)
    {
        if (!double.IsFinite(before) || !double.IsFinite(after))
        {
            return "—";
        }

        var delta = after - before;
        return delta > 0 ? "+" + Format(delta) : Format(delta);
    }

    /// <summary>The ModelAudit assembly's informational version.</summary>
    public static string LibraryVersion =>
        typeof(AuditRun).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
