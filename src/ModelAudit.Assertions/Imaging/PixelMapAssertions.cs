using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Imaging;

namespace ModelAudit.Assertions.Imaging;

/// <summary>
/// Localisation assertions shared by every <see cref="IPixelMap"/> (occlusion and attribution maps), over the metrics
/// in <see cref="PixelMapMetrics"/>. Failures give the measured share or overlap and where the map peaked, so a failed
/// release gate says where the model looked instead. Shares are fractions in [0, 1].
/// </summary>
public abstract class PixelMapAssertions<TMap, TSelf> : ReferenceTypeAssertions<TMap, TSelf>
    where TMap : class, IPixelMap
    where TSelf : PixelMapAssertions<TMap, TSelf>
{
    private protected PixelMapAssertions(TMap subject)
        : base(subject)
    {
    }

    /// <summary>What the map's positive values are called in messages, e.g. "positive drop mass".</summary>
    private protected abstract string MassName { get; }

    /// <summary>The subject after its identifier, e.g. " of class 2".</summary>
    private protected abstract string Describe(TMap map);

    /// <summary>Diagnostics after the peak, each starting with "; ", e.g. the largest occlusion drop.</summary>
    private protected virtual string Diagnose(TMap map) => string.Empty;

    /// <summary>At least <paramref name="atLeast"/> of the map's positive mass lies inside <paramref name="box"/>.</summary>
    public AndConstraint<TSelf> PutMassInside(PixelBox box, double atLeast, string because = "", params object[] becauseArgs)
    {
        Guard.Fraction(atLeast, nameof(atLeast));
        return Mass(BoxText(box), map => PixelMapMetrics.MassInside(map, box), atLeast, isLowerBound: true, because, becauseArgs);
    }

    /// <summary>At least <paramref name="atLeast"/> of the map's positive mass lies on the pixels of <paramref name="mask"/>.</summary>
    public AndConstraint<TSelf> PutMassInside(PixelMask mask, double atLeast, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(mask);
        Guard.Fraction(atLeast, nameof(atLeast));
        return Mass(MaskText(mask), map => PixelMapMetrics.MassInside(map, mask), atLeast, isLowerBound: true, because, becauseArgs);
    }

    /// <summary>At most <paramref name="atMost"/> of the map's positive mass lies inside <paramref name="box"/>, e.g. a watermark.</summary>
    public AndConstraint<TSelf> PutLittleMassInside(PixelBox box, double atMost, string because = "", params object[] becauseArgs)
    {
        Guard.Fraction(atMost, nameof(atMost));
        return Mass(BoxText(box), map => PixelMapMetrics.MassInside(map, box), atMost, isLowerBound: false, because, becauseArgs);
    }

    /// <summary>At most <paramref name="atMost"/> of the map's positive mass lies on the pixels of <paramref name="mask"/>.</summary>
    public AndConstraint<TSelf> PutLittleMassInside(PixelMask mask, double atMost, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(mask);
        Guard.Fraction(atMost, nameof(atMost));
        return Mass(MaskText(mask), map => PixelMapMetrics.MassInside(map, mask), atMost, isLowerBound: false, because, becauseArgs);
    }

    /// <summary>The pointing game: the map's peak lies inside <paramref name="box"/> grown by <paramref name="tolerance"/> pixels.</summary>
    public AndConstraint<TSelf> PeakInside(PixelBox box, int tolerance = 0, string because = "", params object[] becauseArgs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        var grown = tolerance == 0 ? string.Empty : Numbers.Invariant($" grown by {tolerance} px");
        return Peak(BoxText(box) + grown, "box", map => PixelMapMetrics.PeakInside(map, box, tolerance), map => PixelMapMetrics.MassInside(map, box), because, becauseArgs);
    }

    /// <summary>The pointing game against a mask: the map's peak is one of the pixels of <paramref name="mask"/>.</summary>
    public AndConstraint<TSelf> PeakInside(PixelMask mask, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return Peak(MaskText(mask), "mask", map => PixelMapMetrics.PeakInside(map, mask), map => PixelMapMetrics.MassInside(map, mask), because, becauseArgs);
    }

    /// <summary>
    /// The map's top <paramref name="topFraction"/> of pixels overlaps <paramref name="box"/> with an intersection over
    /// union of at least <paramref name="atLeast"/>.
    /// </summary>
    public AndConstraint<TSelf> HaveTopRegionIoU(PixelBox box, double topFraction, double atLeast, string because = "", params object[] becauseArgs) =>
        TopRegion(BoxText(box), map => PixelMapMetrics.TopRegionIoU(map, box, topFraction), topFraction, atLeast, because, becauseArgs);

    /// <summary>
    /// The map's top <paramref name="topFraction"/> of pixels overlaps <paramref name="mask"/> with an intersection over
    /// union of at least <paramref name="atLeast"/>.
    /// </summary>
    public AndConstraint<TSelf> HaveTopRegionIoU(PixelMask mask, double topFraction, double atLeast, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return TopRegion(MaskText(mask), map => PixelMapMetrics.TopRegionIoU(map, mask, topFraction), topFraction, atLeast, because, becauseArgs);
    }

    private AndConstraint<TSelf> Mass(string place, Func<TMap, double> measure, double limit, bool isLowerBound, string because, object[] becauseArgs)
    {
        var expectation = $"put {(isLowerBound ? "at least" : "at most")} {Numbers.Percent(limit)} of its {MassName} inside {place}";
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var share = measure(Subject);
            Failure.Unless(isLowerBound ? share >= limit : share <= limit, Identifier, Describe(Subject), expectation,
                () => $"{Numbers.Percent(share)} ({PeakText(Subject)})", because, becauseArgs);
        }

        return new AndConstraint<TSelf>((TSelf)this);
    }

    private AndConstraint<TSelf> Peak(string place, string kind, Func<TMap, bool> hit, Func<TMap, double> share, string because, object[] becauseArgs)
    {
        var expectation = $"peak inside {place}";
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            Failure.Unless(hit(Subject), Identifier, Describe(Subject), expectation,
                () => Numbers.Invariant($"its peak at {Subject.Peak.X},{Subject.Peak.Y} ({Numbers.Percent(share(Subject))} of its {MassName} inside the {kind}{Diagnose(Subject)})"),
                because, becauseArgs);
        }

        return new AndConstraint<TSelf>((TSelf)this);
    }

    private AndConstraint<TSelf> TopRegion(string place, Func<TMap, double> measure, double topFraction, double atLeast, string because, object[] becauseArgs)
    {
        if (!(topFraction > 0 && topFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(topFraction), topFraction, "topFraction must lie in (0, 1]: the share of the map's pixels, by value, that forms its top region.");
        }

        Guard.Fraction(atLeast, nameof(atLeast));
        var expectation = $"overlap {place} with its top {Numbers.Percent(topFraction)} of pixels by an IoU of at least {Numbers.Plain(atLeast)}";
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var iou = measure(Subject);
            Failure.Unless(iou >= atLeast, Identifier, Describe(Subject), expectation,
                () => $"an IoU of {Numbers.Plain(iou)} ({PeakText(Subject)})", because, becauseArgs);
        }

        return new AndConstraint<TSelf>((TSelf)this);
    }

    private string PeakText(TMap map) => Numbers.Invariant($"peak at {map.Peak.X},{map.Peak.Y}{Diagnose(map)}");

    private static string BoxText(PixelBox box) => $"box {box}";

    private static string MaskText(PixelMask mask) => $"mask of {mask.Area} px in {mask.Bounds}";
}
