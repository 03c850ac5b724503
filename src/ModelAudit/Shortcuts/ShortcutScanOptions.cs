namespace ModelAudit.Shortcuts;

/// <summary>Options for <see cref="ShortcutScan"/>. The defaults flag a class whose evidence sits in one small, fixed region.</summary>
public sealed record ShortcutScanOptions
{
    public static ShortcutScanOptions Default { get; } = new();

    /// <summary>
    /// The share of pixels taken as a class's suspect region: the largest pixels of its mean evidence map. Default
    /// 0.05 (5 %). Concentration is measured as the share of evidence inside that region.
    /// </summary>
    public double TopFraction { get; init; } = 0.05;

    /// <summary>Width of the image border band, as a fraction of the shorter side, for <see cref="ClassEvidence.BorderMass"/>. Default 0.1.</summary>
    public double BorderFraction { get; init; } = 0.1;

    /// <summary>
    /// A class is suspect when its mean map puts at least this share of its evidence in the top region. Default 0.4:
    /// evidence spread like the objects of a class stays well below it (a region of 5 % of the pixels holding 40 % of
    /// the evidence of every image is a fixed cue, not an object).
    /// </summary>
    public double MinConcentration { get; init; } = 0.4;

    /// <summary>
    /// …and when its images' maps agree with each other: the mean correlation of each map with the mean of the others
    /// (in [-1, 1]). Default 0.5. Maps that follow the object move with it and correlate weakly.
    /// </summary>
    public double MinConsistency { get; init; } = 0.5;

    /// <summary>
    /// The counterfactual confirms a suspect class when filling its region in every image of the class lowers the
    /// class's accuracy by at least this much (absolute, in [0, 1]), or when filling everything but the region lowers
    /// it by no more than this. Default 0.25.
    /// </summary>
    public double MinAccuracyDrop { get; init; } = 0.25;

    /// <summary>Classes with fewer maps than this are reported as inconclusive. Default 4.</summary>
    public int MinImagesPerClass { get; init; } = 4;

    /// <summary>Spectral relevance analysis: the side of the grid maps are summed to before clustering. Default 16.</summary>
    public int ClusterGrid { get; init; } = 16;

    /// <summary>Spectral relevance analysis: neighbours per map in the affinity graph (fewer when a class has fewer maps). Default 5.</summary>
    public int Neighbours { get; init; } = 5;

    /// <summary>Spectral relevance analysis: the most clusters the eigengap may choose. Default 4.</summary>
    public int MaxClusters { get; init; } = 4;

    /// <summary>Class names for reports, indexed by label; "class k" where missing. Default none.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Seed of the clustering's k-means initialisation. Default 0.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        Check(TopFraction > 0 && TopFraction <= 0.5, nameof(TopFraction), TopFraction, "must lie in (0, 0.5]: the suspect region is a small share of the image");
        Check(BorderFraction > 0 && BorderFraction < 0.5, nameof(BorderFraction), BorderFraction, "must lie in (0, 0.5)");
        Check(MinConcentration > 0 && MinConcentration <= 1, nameof(MinConcentration), MinConcentration, "must lie in (0, 1]");
        Check(MinConsistency >= -1 && MinConsistency <= 1, nameof(MinConsistency), MinConsistency, "must lie in [-1, 1]");
        Check(MinAccuracyDrop >= 0 && MinAccuracyDrop <= 1, nameof(MinAccuracyDrop), MinAccuracyDrop, "must lie in [0, 1]");
        Check(MinImagesPerClass >= 2, nameof(MinImagesPerClass), MinImagesPerClass, "must be at least 2: consistency compares a class's maps with each other");
        Check(ClusterGrid >= 2, nameof(ClusterGrid), ClusterGrid, "must be at least 2");
        Check(Neighbours >= 1, nameof(Neighbours), Neighbours, "must be at least 1");
        Check(MaxClusters >= 1, nameof(MaxClusters), MaxClusters, "must be at least 1");
    }

    private static void Check(bool valid, string name, double value, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}; got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }
}
