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
    /// A live filter is noisy when its normalised total variation (<see cref="FilterMetrics.TotalVariation"/>) exceeds
    /// this. Default 0.8. A ±1 checkerboard scores 1, i.i.d. Gaussian weights about 0.71 on average, random ±1 signs 0.5;
    /// but 3×3 filters of small, briefly trained networks are rough too (measured 0.34–0.77 on the shapes fixtures,
    /// 0.52–0.71 on PaddleOCR's first layer), so on 3×3 kernels only noise rougher than training leaves is caught.
    /// </summary>
    public double NoisyTotalVariation { get; init; } = 0.8;

    /// <summary>Two live filters of the same group are near-duplicates when |cosine| is at least this. Default 0.95.</summary>
    public double DuplicateCosine { get; init; } = 0.95;

    internal void Validate()
    {
        Check(DeadRelativeNorm, nameof(DeadRelativeNorm), 0, 1);
        Check(DeadAbsoluteNorm, nameof(DeadAbsoluteNorm), 0, double.MaxValue);
        Check(NoisyTotalVariation, nameof(NoisyTotalVariation), 0, 1);
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
