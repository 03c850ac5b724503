namespace ModelAudit.Embeddings;

/// <summary>How well an embedding separates its classes, in the original feature space.</summary>
/// <param name="Silhouette">Mean Euclidean silhouette, in [−1, 1]; higher is better.</param>
/// <param name="CosineSilhouette">Mean silhouette with cosine distance.</param>
/// <param name="KnnAccuracy">Leave-one-out k-NN accuracy (Euclidean).</param>
/// <param name="KnnK">The k used for <paramref name="KnnAccuracy"/>.</param>
/// <param name="DaviesBouldin">Davies–Bouldin index; lower is better.</param>
/// <param name="ScatterRatio">Between-class over within-class scatter; higher is better.</param>
/// <param name="ClassSilhouette">Mean Euclidean silhouette of each class (NaN for a class without images).</param>
/// <param name="ClassKnnAccuracy">k-NN accuracy of each class's images (NaN for a class without images).</param>
public sealed record SeparationSummary(
    double Silhouette,
    double CosineSilhouette,
    double KnnAccuracy,
    int KnnK,
    double DaviesBouldin,
    double ScatterRatio,
    IReadOnlyList<double> ClassSilhouette,
    IReadOnlyList<double> ClassKnnAccuracy)
{
    internal static SeparationSummary Measure(float[] x, int d, IReadOnlyList<int> labels, int k)
    {
        var perRow = SeparationMetrics.SilhouetteSamples(x, d, labels);
        var votes = SeparationMetrics.KnnPredictions(x, d, labels, k);
        var hits = votes.Select((v, i) => v == labels[i] ? 1.0 : 0.0).ToArray();
        return new SeparationSummary(
            perRow.Average(),
            SeparationMetrics.Silhouette(x, d, labels, DistanceMetric.Cosine),
            hits.Average(),
            k,
            SeparationMetrics.DaviesBouldin(x, d, labels),
            SeparationMetrics.ScatterRatio(x, d, labels),
            SeparationMetrics.ClassMeans(perRow, labels),
            SeparationMetrics.ClassMeans(hits, labels));
    }
}
