using System.Globalization;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using ModelAudit.Imaging;
using ModelAudit.Occlusion;

namespace ModelAudit.Assertions.Occlusion;

/// <summary>
/// Localisation assertions on an <see cref="OcclusionMap"/>. Failure messages give the measured share, the peak and
/// the largest drop, so a failed release gate says where the model looked instead.
/// </summary>
public sealed class OcclusionMapAssertions : ReferenceTypeAssertions<OcclusionMap, OcclusionMapAssertions>
{
    public OcclusionMapAssertions(OcclusionMap subject)
        : base(subject)
    {
    }

    protected override string Identifier => "occlusion map";

    /// <summary>At least <paramref name="atLeast"/> (0..1) of the positive drop mass lies inside <paramref name="box"/>.</summary>
    public AndConstraint<OcclusionMapAssertions> PutMassInside(PixelBox box, double atLeast, string because = "", params object[] becauseArgs) =>
        MassInside($"box {box}", map => OcclusionMetrics.RelevanceMass(map, box), atLeast, atLeast: true, because, becauseArgs);

    /// <summary>At least <paramref name="atLeast"/> (0..1) of the positive drop mass lies on the pixels of <paramref name="mask"/>.</summary>
    public AndConstraint<OcclusionMapAssertions> PutMassInside(PixelMask mask, double atLeast, string because = "", params object[] becauseArgs) =>
        MassInside($"mask of {mask.Area} px in {mask.Bounds}", map => OcclusionMetrics.RelevanceMass(map, mask), atLeast, atLeast: true, because, becauseArgs);

    /// <summary>At most <paramref name="atMost"/> (0..1) of the positive drop mass lies inside <paramref name="region"/>, e.g. a watermark.</summary>
    public AndConstraint<OcclusionMapAssertions> NotRelyOn(PixelBox region, double atMost, string because = "", params object[] becauseArgs) =>
        MassInside($"region {region}", map => OcclusionMetrics.RelevanceMass(map, region), atMost, atLeast: false, because, becauseArgs);

    /// <summary>At most <paramref name="atMost"/> (0..1) of the positive drop mass lies on the pixels of <paramref name="region"/>.</summary>
    public AndConstraint<OcclusionMapAssertions> NotRelyOn(PixelMask region, double atMost, string because = "", params object[] becauseArgs) =>
        MassInside($"mask of {region.Area} px in {region.Bounds}", map => OcclusionMetrics.RelevanceMass(map, region), atMost, atLeast: false, because, becauseArgs);

    /// <summary>The map's peak lies inside <paramref name="box"/> grown by <paramref name="tolerance"/> pixels (the pointing game).</summary>
    public AndConstraint<OcclusionMapAssertions> PointInside(PixelBox box, int tolerance = 0, string because = "", params object[] becauseArgs)
    {
        if (NotNull($"to peak inside box {box}", because, becauseArgs))
        {
            var grown = tolerance == 0 ? string.Empty : $" grown by {tolerance} px";
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(OcclusionMetrics.PointingGame(Subject, box, tolerance))
                .FailWith($"Expected {{context:occlusion map}} of class {Subject.TargetClass} to peak inside box {box}{grown}{{reason}}, " +
                    $"but found its peak at {Subject.Peak.X},{Subject.Peak.Y} ({Percent(OcclusionMetrics.RelevanceMass(Subject, box))} of its positive drop mass inside the box; {Drop(Subject)}).");
        }

        return new AndConstraint<OcclusionMapAssertions>(this);
    }

    private AndConstraint<OcclusionMapAssertions> MassInside(string place, Func<OcclusionMap, double> measure, double limit, bool atLeast, string because, object[] becauseArgs)
    {
        if (!(limit >= 0 && limit <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The share must lie in [0, 1].");
        }

        var bound = atLeast ? "at least" : "at most";
        if (NotNull($"to put {bound} {Percent(limit)} of its positive drop mass inside {place}", because, becauseArgs))
        {
            var share = measure(Subject);
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(atLeast ? share >= limit : share <= limit)
                .FailWith($"Expected {{context:occlusion map}} of class {Subject.TargetClass} to put {bound} {Percent(limit)} of its positive drop mass inside {place}{{reason}}, " +
                    $"but found {Percent(share)} ({Found(Subject)}).");
        }

        return new AndConstraint<OcclusionMapAssertions>(this);
    }

    private bool NotNull(string expectation, string because, object[] becauseArgs) =>
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject is not null)
            .FailWith($"Expected {{context:occlusion map}} {expectation}{{reason}}, but found <null>.");

    private static string Found(OcclusionMap map) => $"peak at {map.Peak.X},{map.Peak.Y}; {Drop(map)}";

    private static string Drop(OcclusionMap map) =>
        string.Create(CultureInfo.InvariantCulture, $"max drop {map.MaxDrop:0.00} at window {map.MostDamaging.Box}; base p {map.BaseProbability:0.00}");

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#}%");
}
