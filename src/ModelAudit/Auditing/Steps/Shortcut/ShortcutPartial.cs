namespace ModelAudit.Auditing;

/// <summary>
/// The scan of the whole run (a shortcut is a pattern across a class's images, so the first shard scans every image
/// and the others add nothing): one row per class, the border mass of each image, the figures, the method, and why
/// nothing was measured when that is so.
/// </summary>
internal sealed record ShortcutPartial(
    IReadOnlyList<ShortcutClassRow> Classes,
    IReadOnlyList<ImageOutcome> BorderMass,
    IReadOnlyList<ShardFigure> Figures,
    string Method,
    double ForwardPassesPerImage,
    string? NotMeasured) : StepPartial;

/// <summary>One class's numbers from <see cref="Shortcuts.ClassEvidence"/>, as a shard file holds them.</summary>
internal sealed record ShortcutClassRow(
    int Label,
    string Name,
    int Images,
    double Concentration,
    double Consistency,
    double BorderMass,
    double DominantClusterConcentration,
    IReadOnlyList<int> ClusterSizes,
    double AccuracyBefore,
    double AccuracyAfter,
    double AccuracyRegionOnly,
    double TransplantRate,
    string Region,
    string Finding,
    string Reason);
