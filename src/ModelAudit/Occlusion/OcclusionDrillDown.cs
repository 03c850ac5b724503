using System.Globalization;

namespace ModelAudit.Occlusion;

/// <summary>
/// Adaptive drill-down (Krypton): score the windows on a coarse grid first, then the fine grid's windows only near the
/// hottest coarse windows; every other fine window takes the drop of the nearest coarse window.
/// </summary>
public sealed record OcclusionDrillDown
{
    /// <summary>Stride of the coarse pass, in pixels: a multiple of the fine stride. Default 0: twice the fine stride.</summary>
    public int CoarseStride { get; init; }

    /// <summary>The fraction of coarse windows, by largest |drop|, around which the fine grid is scored. Default 0.25.</summary>
    public double HotFraction { get; init; } = 0.25;

    internal int CoarseStrideFor(int stride) => CoarseStride == 0 ? 2 * stride : CoarseStride;

    internal void Validate(int stride)
    {
        var coarse = CoarseStrideFor(stride);
        if (coarse < stride || coarse % stride != 0)
        {
            throw new ArgumentException($"Invalid occlusion options: the drill-down's coarse stride {coarse} must be a multiple of the stride {stride}.");
        }

        if (!(HotFraction >= 0 && HotFraction <= 1))
        {
            throw new ArgumentException($"Invalid occlusion options: the drill-down's {nameof(HotFraction)} must be in [0, 1], but was {HotFraction.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
