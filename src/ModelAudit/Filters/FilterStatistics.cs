namespace ModelAudit.Filters;

/// <summary>What <see cref="FilterReport"/> measured for one filter (one output channel of the layer).</summary>
/// <param name="Index">The output channel.</param>
/// <param name="Norm">L2 norm of the filter's weights.</param>
/// <param name="TotalVariation">Normalised total variation in [0, 1], see <see cref="FilterMetrics.TotalVariation"/>.</param>
/// <param name="HighFrequencyRatio">Share of spectral energy above the cutoff, see <see cref="FilterMetrics.HighFrequencyRatio"/>.</param>
/// <param name="SmoothnessZ">
/// How many null standard deviations smoother (and, on the first layer, more coherent across colour channels) than
/// i.i.d. Gaussian noise of its shape the filter is; noise scores about N(0, 1). 0 for a dead filter or one with nothing
/// to test (a 1×1 kernel). See the Filters README.
/// </param>
/// <param name="IsDead">Whether the norm is negligible (see <see cref="FilterOptions.DeadRelativeNorm"/>).</param>
/// <param name="IsNoisy">Whether a live filter scores below <see cref="FilterReport.NoisyThreshold"/>: not clearly smoother than noise.</param>
/// <param name="DuplicateOf">Other filters of the same group whose |cosine| with this one reaches the duplicate threshold.</param>
public sealed record FilterStatistics(
    int Index,
    double Norm,
    double TotalVariation,
    double HighFrequencyRatio,
    double SmoothnessZ,
    bool IsDead,
    bool IsNoisy,
    IReadOnlyList<int> DuplicateOf);
