using System.Globalization;
using ModelAudit.Snapshots;

namespace ModelAudit.Faithfulness;

/// <summary>The outcome of <see cref="EfficientRandomisationCheck"/>: how the maps' entropy changed once every layer was randomised.</summary>
/// <param name="Method">How the maps were made, from the first image's map.</param>
/// <param name="TrainedEntropy">Per image, the entropy (nats) of the trained model's map.</param>
/// <param name="RandomisedEntropy">Per image, the entropy of the randomised model's map.</param>
/// <param name="RankCorrelations">Per image, the Spearman rank correlation between the two maps.</param>
/// <param name="RandomisedLayers">How many parametrised layers were randomised.</param>
public sealed record EfficientRandomisationCheckResult(
    string Method, IReadOnlyList<double> TrainedEntropy, IReadOnlyList<double> RandomisedEntropy, IReadOnlyList<double> RankCorrelations, int RandomisedLayers) : ISnapshotSource
{
    public int ImageCount => TrainedEntropy.Count;

    /// <summary>Per image, randomised entropy / trained entropy (eMPRT's score); NaN for a map without weight.</summary>
    public IReadOnlyList<double> PerImage => TrainedEntropy.Zip(RandomisedEntropy, (t, r) => t > 0 ? r / t : double.NaN).ToArray();

    /// <summary>eMPRT: the mean of <see cref="PerImage"/> over the measured images. Above 1 when randomising the model made the maps more complex.</summary>
    public double ComplexityRise => PerImage.Any(double.IsFinite) ? PerImage.Where(double.IsFinite).Average() : double.NaN;

    /// <summary>The mean rank correlation between the trained and the randomised maps: near 1 when randomisation changed nothing.</summary>
    public double RankCorrelation => RankCorrelations.Average();

    /// <summary>True when the maps' entropy rose (<see cref="ComplexityRise"/> above 1): the test's pass criterion.</summary>
    public bool ComplexityRises => ComplexityRise > 1;

    public Snapshot ToSnapshot() => Snapshot.Of(new SortedDictionary<string, double>(StringComparer.Ordinal)
    {
        ["complexity_rise"] = ComplexityRise,
        ["rank_correlation"] = RankCorrelation,
        ["trained_entropy"] = TrainedEntropy.Average(),
        ["randomised_entropy"] = RandomisedEntropy.Average(),
        ["image_count"] = ImageCount,
        ["randomised_layers"] = RandomisedLayers,
    });

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Method} on {ImageCount} image(s), {RandomisedLayers} layer(s) randomised: entropy ×{ComplexityRise:0.000} ({TrainedEntropy.Average():0.000} → {RandomisedEntropy.Average():0.000} nats), rank correlation {RankCorrelation:0.00}");
}
