namespace ModelAudit.Embeddings;

/// <summary>A principal component analysis: components (unit vectors), their variances and the projected rows.</summary>
/// <param name="Mean">The mean row that was subtracted, length D.</param>
/// <param name="Components">Principal axes, <c>components × D</c> row-major, by decreasing variance; each axis's largest-magnitude entry is positive.</param>
/// <param name="ExplainedVariance">Variance along each axis (eigenvalues of the sample covariance, divisor n − 1).</param>
/// <param name="ExplainedVarianceRatio">Each axis's share of the total variance.</param>
/// <param name="Projection">The centred rows projected on the axes, <c>n × components</c> row-major.</param>
public sealed record PcaResult(
    IReadOnlyList<double> Mean,
    double[] Components,
    IReadOnlyList<double> ExplainedVariance,
    IReadOnlyList<double> ExplainedVarianceRatio,
    float[] Projection)
{
    public int ComponentCount => ExplainedVariance.Count;
}
