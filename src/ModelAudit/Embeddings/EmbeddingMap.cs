namespace ModelAudit.Embeddings;

/// <summary>An embedding laid out in 2-D for looking at.</summary>
/// <param name="Method">"t-SNE" or "PCA".</param>
/// <param name="Points">Coordinates, <c>n × 2</c> row-major.</param>
/// <param name="Trustworthiness">Trustworthiness of the map at <paramref name="TrustworthinessK"/> neighbours; 1 means no false neighbours.</param>
/// <param name="TrustworthinessK">Neighbourhood size used for <paramref name="Trustworthiness"/>.</param>
/// <param name="KlDivergence">t-SNE's final KL divergence (null for PCA).</param>
/// <param name="ExplainedVarianceRatio">PCA's share of variance on each axis (null for t-SNE).</param>
public sealed record EmbeddingMap(
    string Method,
    float[] Points,
    double Trustworthiness,
    int TrustworthinessK,
    double? KlDivergence,
    IReadOnlyList<double>? ExplainedVarianceRatio)
{
    public float X(int i) => Points[2 * i];

    public float Y(int i) => Points[(2 * i) + 1];
}
