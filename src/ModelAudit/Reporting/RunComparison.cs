using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Reporting;

/// <summary>
/// What changed between two models audited the same way (e.g. before and after retraining). The result is the
/// candidate's run with the baseline beside it (<see cref="AuditRun.Baseline"/>): every check and metric shows both
/// values and the difference; a first section, "What changed", names the checks that flipped, the units whose state
/// changed (a filter that became noisy, a channel that died) and the pictures that changed most; every picture is shown
/// before and after, each with its own model's caption.
/// </summary>
public static class RunComparison
{
    /// <summary>How many of the most changed pictures the first section repeats.</summary>
    private const int MostChanged = 4;

    /// <summary>How many units with the largest value changes are listed per series, besides those whose state changed.</summary>
    private const int LargestChanges = 6;

    public static AuditRun Compare(AuditRun baseline, AuditRun candidate)
    {
        var sections = candidate.Sections.Select(after => Paired(baseline.Sections.FirstOrDefault(s => s.Title == after.Title), after)).ToArray();
        var tables = new List<ReportTable>();
        var unitNotes = new List<string>();
        foreach (var after in candidate.Sections.SelectMany(s => s.Series))
        {
            if (baseline.Sections.SelectMany(s => s.Series).FirstOrDefault(s => s.Title == after.Title && s.Values.Count == after.Values.Count) is { } before)
            {
                var (table, note) = UnitChanges(before, after);
                tables.AddRange(table is null ? [] : [table]);
                unitNotes.Add(note);
            }
        }

        var pictures = sections.SelectMany(s => s.Figures.Where(f => f.Before is not null && f.ComparableAcrossRuns).Select(f => (Section: s.Title, Figure: f, Ssim: Similarity(f.Before!.Image, f.Image))))
            .OrderBy(p => p.Ssim).ThenBy(p => p.Figure.Name, StringComparer.Ordinal).ToArray();
        var changed = pictures.Where(p => p.Ssim < 1).ToArray();
        if (changed.Length > 0)
        {
            tables.Add(new ReportTable("Pictures that changed most (SSIM between the baseline's picture and the candidate's; 1 is identical)", ["picture", "section", "SSIM"],
                changed.Take(12).Select(p => (IReadOnlyList<string>)[p.Figure.Name, p.Section, p.Ssim.ToString("0.0000", CultureInfo.InvariantCulture)]).ToArray()));
        }

        var flipped = Flipped(baseline, candidate);
        var summary = $"Candidate {candidate.Provenance.ModelName} ({candidate.Provenance.ModelSha256[..12]}) against baseline {baseline.Provenance.ModelName} ({baseline.Provenance.ModelSha256[..12]}): " +
            $"baseline {Verdict(baseline)}, candidate {Verdict(candidate)}. Checks that flipped: {flipped}. " +
            (unitNotes.Count > 0 ? string.Join(" ", unitNotes) + " " : "") +
            (changed.Length == 0 ? "No picture changed." : string.Create(CultureInfo.InvariantCulture,
                $"{changed.Length} of {pictures.Length} pictures changed (t-SNE maps, whose layout is arbitrary, are not ranked); the {Math.Min(MostChanged, changed.Length)} that changed most follow, before and after."));
        var most = changed.Take(MostChanged).Select(p => p.Figure with
        {
            Name = "changed-" + p.Figure.Name,
            Before = p.Figure.Before! with { Name = "changed-" + p.Figure.Name },
        }).ToArray();
        var what = new ReportSection("What changed", summary, new Dictionary<string, double>(), most) { Tables = tables };
        return new AuditRun($"{candidate.Provenance.ModelName} against {baseline.Provenance.ModelName}", candidate.Provenance, candidate.Checks, [what, .. sections])
        {
            Baseline = baseline,
            Timings = [.. baseline.Timings.Select(t => t with { Stage = "baseline " + t.Stage }), .. candidate.Timings.Select(t => t with { Stage = "candidate " + t.Stage })],
        };
    }

    /// <summary>The baseline's check of the same audit and name as <paramref name="check"/>, if it has one.</summary>
    public static CheckResult? Match(AuditRun baseline, CheckResult check) =>
        baseline.Checks.FirstOrDefault(c => c.Audit == check.Audit && c.Name == check.Name);

    /// <summary>The candidate's section with the baseline's metrics, texts, tables and pictures beside its own.</summary>
    private static ReportSection Paired(ReportSection? before, ReportSection after)
    {
        if (before is null)
        {
            return after with { Summary = "Only in the candidate's run. " + after.Summary };
        }

        var figures = after.Figures.Select(f => before.Figures.FirstOrDefault(b => b.Name == f.Name) is { } b
            ? f with { Before = b }
            : f with { Caption = "Only in the candidate's run. " + f.Caption }).ToArray();
        return after with
        {
            Summary = before.Summary == after.Summary ? after.Summary : $"Baseline: {before.Summary} Candidate: {after.Summary}",
            BaselineMetrics = before.Metrics,
            Tables = [.. before.Tables.Select(t => t with { Caption = "Baseline: " + t.Caption }), .. after.Tables.Select(t => t with { Caption = "Candidate: " + t.Caption })],
            Figures = figures,
        };
    }

    /// <summary>Units whose state changed, then those whose value moved most; and one sentence naming the state changes.</summary>
    private static (ReportTable? Table, string Note) UnitChanges(ReportSeries before, ReportSeries after)
    {
        var units = Enumerable.Range(0, after.Values.Count).ToArray();
        var flipped = units.Where(i => before.States[i] != after.States[i]).ToArray();
        var moved = units.Except(flipped).Where(i => AuditRun.FormatDelta(before.Values[i], after.Values[i]) is not ("0" or "—"))
            .OrderByDescending(i => Math.Abs(after.Values[i] - before.Values[i])).ThenBy(i => i).Take(LargestChanges).ToArray();
        var note = flipped.Length == 0
            ? $"{Capitalised(after.Title)}: no {after.Unit} changed state."
            : $"{Capitalised(after.Title)}: " + string.Join("; ", flipped.GroupBy(i => (From: before.States[i], To: after.States[i]))
                .Select(g => $"{after.Unit}{(g.Count() == 1 ? "" : "s")} {string.Join(", ", g.Select(i => $"#{i}"))} {g.Key.From} → {g.Key.To}")) + ".";
        if (flipped.Length + moved.Length == 0)
        {
            return (null, note);
        }

        var rows = flipped.Concat(moved).Select(i => (IReadOnlyList<string>)
            [$"#{i}", before.States[i], after.States[i], AuditRun.Format(before.Values[i]), AuditRun.Format(after.Values[i]), AuditRun.FormatDelta(before.Values[i], after.Values[i])]).ToArray();
        return (new ReportTable(
            $"{Capitalised(after.Title)} that changed: state changes first, then the largest changes of {after.Measure}",
            [after.Unit, "baseline state", "candidate state", "baseline value", "candidate value", "Δ"],
            rows), note);
    }

    /// <summary>SSIM of two pictures; 0 when their sizes differ (the picture changed shape).</summary>
    private static double Similarity(RgbImage a, RgbImage b) =>
        a.Width == b.Width && a.Height == b.Height ? (a.Pixels.SequenceEqual(b.Pixels) ? 1 : Math.Min(Ssim.Compute(a, b), 0.9999)) : 0;

    private static string Verdict(AuditRun run) => run.Passed
        ? "passed all checks"
        : $"did not pass ({run.Summary})";

    private static string Flipped(AuditRun baseline, AuditRun candidate)
    {
        var flipped = candidate.Checks
            .Where(c => Match(baseline, c) is { } b && b.Verdict != c.Verdict)
            .Select(c => $"{c.Audit}: {c.Name} now {(c.Passed ? "passes" : c.Verdict == Reporting.Verdict.Failed ? "FAILS" : c.Label)}")
            .ToArray();
        return flipped.Length == 0 ? "none" : string.Join("; ", flipped);
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
