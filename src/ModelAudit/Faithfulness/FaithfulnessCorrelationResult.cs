using System.Globalization;
using ModelAudit.Snapshots;

namespace ModelAudit.Faithfulness;

/// <summary>The outcome of <see cref="FaithfulnessCorrelation"/>: per image, the correlation between the map's weight on random pixel subsets and the score drop they cause.</summary>
/// <param name="Method">How the maps were made (several methods joined by '+').</param>
/// <param name="Fill">What the subsets' pixels showed.</param>
/// <param name="Score">What was watched: "probability" for class targets, else the target's description.</param>
/// <param name="PerImage">Pearson's r per image, in [-1, 1]; NaN where the score or the map's sums did not vary.</param>
/// <param name="Subsets">Subsets per image.</param>
/// <param name="SubsetSize">Pixels per subset.</param>
/// <param name="ForwardPasses">Inputs run through the model: (1 + Subsets) per image.</param>
public sealed record FaithfulnessCorrelationResult(string Method, PerturbationFill Fill, string Score, IReadOnlyList<double> PerImage, int Subsets, int SubsetSize, int ForwardPasses) : ISnapshotSource
{
    public int ImageCount => PerImage.Count;

    /// <summary>Images with a correlation (not NaN).</summary>
    public int MeasuredImages => PerImage.Count(double.IsFinite);

    /// <summary>The mean correlation over the measured images; NaN when none was.</summary>
    public double MeanCorrelation => MeasuredImages == 0 ? double.NaN : PerImage.Where(double.IsFinite).Average();

    public Snapshot ToSnapshot()
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["mean_correlation"] = MeanCorrelation,
            ["image_count"] = ImageCount,
            ["measured_images"] = MeasuredImages,
            ["subsets"] = Subsets,
            ["subset_size"] = SubsetSize,
            ["forward_passes"] = ForwardPasses,
        };
        for (var i = 0; i < PerImage.Count; i++)
        {
            metrics[string.Create(CultureInfo.InvariantCulture, $"image_{i:000}")] = PerImage[i];
        }

        return Snapshot.Of(metrics);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Method} on {ImageCount} image(s): faithfulness correlation {MeanCorrelation:0.000} (mean over {MeasuredImages} measured; {Subsets} subsets of {SubsetSize} pixels, {FillNames.Of(Fill)} fill, {Score}; per image {string.Join(", ", PerImage.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}; {ForwardPasses} forward passes)");
}
