namespace ModelAudit.Filters;

/// <summary>What <see cref="FilterReport"/> measured for one filter (one output channel of the layer).</summary>
/// <param name="Index">The output channel.</param>
/// <param name="Norm">L2 norm of the filter's weights.</param>
/// <param name="TotalVariation">Normalised total variation in [0, 1], see <see cref="FilterMetrics.TotalVariation"/>.</param>
/// <param name="HighFrequencyRatio">Share of spectral energy above the cutoff, see <see cref="FilterMetrics.HighFrequencyRatio"/>.</param>
/// <param name="IsDead">Whether the norm is negligible (see <see cref="FilterOptions.DeadRelativeNorm"/>).</param>
/// <param name="IsNoisy">Whether a live filter's total variation exceeds <see cref="FilterOptions.NoisyTotalVariation"/>.</param>
/// <param name="DuplicateOf">Other filters of the same group whose |cosine| with this one reaches the duplicate threshold.</param>
public sealed record FilterStatistics(
    int Index,
    double Norm,
    double TotalVariation,
    double HighFrequencyRatio,
    bool IsDead,
    bool IsNoisy,
    IReadOnlyList<int> DuplicateOf);
