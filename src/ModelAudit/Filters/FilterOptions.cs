using System.Globalization;

namespace ModelAudit.Filters;

/// <summary>Thresholds for <see cref="FilterReport.For"/>. Validated when the report is computed.</summary>
public sealed record FilterOptions
{
    /// <summary>
    /// A filter is dead when its L2 norm is at most this fraction of the layer's median filter norm. Default 0.01:
    /// trained filters rarely differ in norm by more than 10×, while a zeroed filter is many orders below.
    /// </summary>
    public double DeadRelativeNorm { get; init; } = 0.01;

    /// <summary>A filter is dead when its L2 norm is at most this, whatever the other filters do. Default 1e-6.</summary>
    public double DeadAbsoluteNorm { get; init; } = 1e-6;

    /// <summary>
    /// A live filter is noisy when its <see cref="FilterStatistics.SmoothnessZ"/> (how many null standard deviations
    /// smoother and more channel-coherent than i.i.d. Gaussian noise of its shape it is) is below this. Default 0.5.
    /// Noise scores about N(0, 1), so about 70% of the filters of a random initialisation are flagged; trained 3×3 first
    /// layers reach only 0.8–5 (the shapes fixtures, PaddleOCR), which keeps the default this low. See the Filters README.
    /// </summary>
    public double MinSmoothnessZ { get; init; } = 0.5;

    /// <summary>
    /// A live filter is also noisy when its <see cref="FilterStatistics.SmoothnessZ"/> is below this fraction of the median
    /// score of the layer's live filters. Default 0.2. Adding noise of k² times a filter's energy leaves it about
    /// 1 / (1 + k²) of its score, so a filter with 3σ noise (k = 3) keeps a tenth of its layer's typical score: on 7×7
    /// kernels, where trained filters score 10 or more, that is caught here and not by <see cref="MinSmoothnessZ"/>.
    /// 0 turns the relative test off.
    /// </summary>
    public double MinRelativeSmoothness { get; init; } = 0.2;

    /// <summary>Two live filters of the same group are near-duplicates when |cosine| is at least this. Default 0.95.</summary>
    public double DuplicateCosine { get; init; } = 0.95;

    internal void Validate()
    {
        Check(DeadRelativeNorm, nameof(DeadRelativeNorm), 0, 1);
        Check(DeadAbsoluteNorm, nameof(DeadAbsoluteNorm), 0, double.MaxValue);
        Check(MinSmoothnessZ, nameof(MinSmoothnessZ), -100, 100);
        Check(MinRelativeSmoothness, nameof(MinRelativeSmoothness), 0, 1);
        Check(DuplicateCosine, nameof(DuplicateCosine), 0, 1);
    }

    private static void Check(double value, string name, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}], but was {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
