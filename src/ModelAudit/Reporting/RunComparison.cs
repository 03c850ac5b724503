using ModelAudit.Imaging;

namespace ModelAudit.Reporting;

/// <summary>
/// What changed between two models audited the same way (e.g. before and after retraining): the candidate's checks,
/// every metric with its delta, and each picture side by side (baseline | candidate).
/// </summary>
public static class RunComparison
{
    public static AuditRun Compare(AuditRun baseline, AuditRun candidate)
    {
        var sections = new List<ReportSection>();
        var deltas = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var check in candidate.Checks)
        {
            if (baseline.Checks.FirstOrDefault(c => c.Audit == check.Audit && c.Name == check.Name) is { } before)
            {
                deltas[$"{check.Audit}: {check.Name} (Δ)"] = check.Measured - before.Measured;
            }
        }

        sections.Add(new ReportSection(
            "What changed",
            $"Candidate {candidate.Provenance.ModelName} ({candidate.Provenance.ModelSha256[..12]}) against baseline {baseline.Provenance.ModelName} ({baseline.Provenance.ModelSha256[..12]}): " +
            $"baseline {Verdict(baseline)}, candidate {Verdict(candidate)}. Checks that flipped: {Flipped(baseline, candidate)}.",
            deltas,
            []));

        foreach (var after in candidate.Sections)
        {
            var before = baseline.Sections.FirstOrDefault(s => s.Title == after.Title);
            var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, value) in after.Metrics)
            {
                metrics[$"{name} (candidate)"] = value;
                if (before?.Metrics.TryGetValue(name, out var old) == true)
                {
                    metrics[$"{name} (baseline)"] = old;
                    metrics[$"{name} (Δ)"] = value - old;
                }
            }

            var figures = after.Figures.Select(f => before?.Figures.FirstOrDefault(b => b.Name == f.Name) is { } b
                ? new ReportFigure(f.Name, $"Baseline (left) | candidate (right). {f.Caption}", TileGrid.Compose([Pad(b.Image, f.Image), Pad(f.Image, b.Image)], columns: 2, gap: 6))
                : f).ToArray();
            sections.Add(new ReportSection(after.Title, after.Summary, metrics, figures));
        }

        return new AuditRun($"{candidate.Provenance.ModelName} against {baseline.Provenance.ModelName}", candidate.Provenance, candidate.Checks, sections);
    }

    private static string Verdict(AuditRun run) => run.Passed
        ? "passed all checks"
        : $"did not pass ({run.Summary})";

    private static string Flipped(AuditRun baseline, AuditRun candidate)
    {
        var flipped = candidate.Checks
            .Where(c => baseline.Checks.FirstOrDefault(b => b.Audit == c.Audit && b.Name == c.Name) is { } b && b.Verdict != c.Verdict)
            .Select(c => $"{c.Audit}: {c.Name} now {(c.Passed ? "passes" : c.Verdict == Reporting.Verdict.Failed ? "FAILS" : c.Label)}")
            .ToArray();
        return flipped.Length == 0 ? "none" : string.Join("; ", flipped);
    }

    /// <summary>Pads <paramref name="image"/> with white to the larger size of the pair, so both tiles of a comparison match.</summary>
    private static RgbImage Pad(RgbImage image, RgbImage other)
    {
        var w = Math.Max(image.Width, other.Width);
        var h = Math.Max(image.Height, other.Height);
        return w == image.Width && h == image.Height
            ? image
            : RgbImage.Create(w, h, (x, y) => x < image.Width && y < image.Height ? image[x, y] : new Rgb(255, 255, 255));
    }
}
