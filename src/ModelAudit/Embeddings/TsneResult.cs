namespace ModelAudit.Embeddings;

/// <summary>A t-SNE map: 2-D points and how well they fit.</summary>
/// <param name="Points">Map coordinates, <c>n × 2</c> row-major (x, y per point).</param>
/// <param name="KlDivergence">Final KL(P ‖ Q) without exaggeration (unless exact, Q's normaliser is approximate).</param>
/// <param name="Iterations">Gradient steps taken.</param>
/// <param name="Method">How the repulsive forces were summed.</param>
/// <param name="Perplexity">The perplexity used (lowered for small sets).</param>
/// <param name="LearningRate">The step size used.</param>
public sealed record TsneResult(float[] Points, double KlDivergence, int Iterations, TsneMethod Method, double Perplexity, double LearningRate)
{
    public int Count => Points.Length / 2;
}
