using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Shortcuts;

/// <summary>
/// Where one class's evidence sits across its images, with no box needed: the mean of the class's evidence
/// distributions (a pixel map at the input resolution), how concentrated and how image-independent it is, the share
/// in the border band, the SpRAy clusters, and the counterfactual that tests the suspect region.
/// </summary>
public sealed record ClassEvidence : IPixelMap
{
    private readonly float[] _meanMap;

    internal ClassEvidence(int label, string name, int width, int height, float[] meanMap)
    {
        (Label, Name, Width, Height, _meanMap) = (label, name, width, height, meanMap);
        Peak = PixelMapMetrics.ArgMax(meanMap, width);
    }

    /// <summary>The class index the images are labelled with.</summary>
    public int Label { get; }

    /// <summary>The class's name in reports ("class 3" when the scan was given no names).</summary>
    public string Name { get; }

    /// <summary>Images of the class whose maps held evidence (maps with no positive value cannot be located and are left out).</summary>
    public int ImageCount { get; init; }

    /// <summary>Share of the mean map's evidence in its top region (<see cref="ShortcutScanOptions.TopFraction"/> of the pixels).</summary>
    public double Concentration { get; init; }

    /// <summary>Mean correlation of each image's map with the mean of the class's other maps; NaN with fewer than two maps.</summary>
    public double Consistency { get; init; }

    /// <summary>Mean share of each image's evidence in the border band.</summary>
    public double BorderMass { get; init; }

    /// <summary>The suspect region: the top pixels of the mean map.</summary>
    public required PixelMask Region { get; init; }

    /// <summary>Spectral relevance analysis of the class's maps, largest cluster first.</summary>
    public IReadOnlyList<EvidenceCluster> Clusters { get; init; } = [];

    /// <summary>Concentration of the largest cluster's mean map (a shortcut used by only part of a class shows here first).</summary>
    public double DominantClusterConcentration => Clusters.Count == 0 ? double.NaN : Clusters[0].Concentration;

    /// <summary>Share of the class's images predicted as the class, as they are.</summary>
    public double AccuracyBefore { get; init; } = double.NaN;

    /// <summary>The same share with the suspect region filled by each image's mean colour.</summary>
    public double AccuracyAfter { get; init; } = double.NaN;

    /// <summary>The same share with everything but the suspect region filled by each image's mean colour: does the region alone suffice?</summary>
    public double AccuracyRegionOnly { get; init; } = double.NaN;

    /// <summary><see cref="AccuracyBefore"/> − <see cref="AccuracyAfter"/>: what the region is worth to the class.</summary>
    public double AccuracyDrop => AccuracyBefore - AccuracyAfter;

    /// <summary>
    /// Share of the other classes' images predicted as this class once this class's region is pasted into them
    /// from this class's images: the region alone makes the class.
    /// </summary>
    public double TransplantRate { get; init; } = double.NaN;

    public ShortcutFinding Finding { get; init; }

    /// <summary>Why the scan reached <see cref="Finding"/>, with the numbers.</summary>
    public string Reason { get; init; } = "";

    public int Width { get; }

    public int Height { get; }

    /// <summary>The mean evidence map, row-major; it sums to 1.</summary>
    public IReadOnlyList<float> MeanMap => _meanMap;

    public (int X, int Y) Peak { get; }

    ReadOnlySpan<float> IPixelMap.Values => _meanMap;

    /// <summary>The mean map, Viridis from 0 to its maximum.</summary>
    public RgbImage RenderMeanMap() => ShortcutRendering.Heatmap(_meanMap, Width, Height);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Finding} — concentration {Concentration:0.00}, consistency {Consistency:0.00}, border {BorderMass:0.00}, accuracy {AccuracyBefore:0.00} → {AccuracyAfter:0.00} with {Region.Bounds} filled, {AccuracyRegionOnly:0.00} with only it kept, transplant {TransplantRate:0.00} ({ImageCount} maps)");
}
