using System.Globalization;
using ModelAudit.Snapshots;

namespace ModelAudit.Shortcuts;

/// <summary>The outcome of <see cref="ShortcutScan"/>: one <see cref="ClassEvidence"/> per class, in label order.</summary>
public sealed record ShortcutScanResult(string Method, int ImageCount, IReadOnlyList<ClassEvidence> Classes, ShortcutScanOptions Options, int ForwardPasses) : ISnapshotSource
{
    /// <summary>The classes found to read a shortcut.</summary>
    public IReadOnlyList<ClassEvidence> Shortcuts => Classes.Where(c => c.Finding == ShortcutFinding.Shortcut).ToArray();

    /// <summary>Forward passes the counterfactuals cost per scanned image (the maps' own cost is not included).</summary>
    public double ForwardPassesPerImage => ImageCount == 0 ? 0 : (double)ForwardPasses / ImageCount;

    public Snapshot ToSnapshot()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["shortcut_classes"] = Shortcuts.Count };
        foreach (var c in Classes)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"class{c.Label}");
            metrics[key + "_concentration"] = c.Concentration;
            metrics[key + "_consistency"] = c.Consistency;
            metrics[key + "_border_mass"] = c.BorderMass;
            metrics[key + "_accuracy_drop"] = c.AccuracyDrop;
            metrics[key + "_transplant_rate"] = c.TransplantRate;
            metrics[key + "_clusters"] = c.Clusters.Count;
        }

        return Snapshot.Of(metrics, Classes.Select(c => ($"class{c.Label}", ShortcutRendering.WithRegion(c))).ToArray());
    }

    public override string ToString() => string.Join(Environment.NewLine, Classes.Select(c => c.ToString()));
}
