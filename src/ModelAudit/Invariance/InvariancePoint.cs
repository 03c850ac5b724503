namespace ModelAudit.Invariance;

/// <summary>What one transform value does, averaged over the images of a sweep.</summary>
/// <param name="Value">The transform value (pixels, factor, degrees, …).</param>
/// <param name="TargetProbability">Mean probability of each image's target class.</param>
/// <param name="TargetProbabilityStd">Standard deviation of that probability over the images.</param>
/// <param name="Top1Agreement">Fraction of images whose top-1 class equals their untransformed top-1.</param>
/// <param name="FeatureDistance">Per layer, the mean of ‖f(Tx) − f(x)‖ / ‖f(x)‖.</param>
public sealed record InvariancePoint(
    double Value,
    double TargetProbability,
    double TargetProbabilityStd,
    double Top1Agreement,
    IReadOnlyDictionary<string, double> FeatureDistance)
{
    public double DistanceAt(string layer) => FeatureDistance.TryGetValue(layer, out var d)
        ? d
        : throw new KeyNotFoundException($"Feature distance was not measured at '{layer}'. Measured: {string.Join(", ", FeatureDistance.Keys)}.");
}
