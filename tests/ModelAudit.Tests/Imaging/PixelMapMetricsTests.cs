using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Tests.Occlusion;

namespace ModelAudit.Tests.Imaging;

public sealed class PixelMapMetricsTests
{
    // A 4×4 map: 3 at (1,1), 1 at (3,3), -5 at (0,3) (negative evidence: not mass), 0 elsewhere. Positive mass 4.
    private static readonly float[] Values = Grid(4, 4, (x, y) => (x, y) switch { (1, 1) => 3, (3, 3) => 1, (0, 3) => -5, _ => 0 });

    public static TheoryData<string> Kinds => ["occlusion", "attribution"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MassInside_BoxAndMask_ShareOfPositiveMass(string kind)
    {
        var map = MapOf(kind, 4, 4, Values);

        PixelMapMetrics.PositiveMass(map).Should().Be(4);
        PixelMapMetrics.MassInside(map, new PixelBox(0, 0, 2, 2)).Should().Be(0.75);
        PixelMapMetrics.MassInside(map, new PixelBox(0, 2, 4, 2)).Should().Be(0.25);
        PixelMapMetrics.MassInside(map, new PixelBox(-2, -2, 4, 4)).Should().Be(0.75, "a box reaching outside the map counts the pixels it covers");
        PixelMapMetrics.MassInside(map, PixelMask.FromPredicate(4, 4, (x, y) => x == y)).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MassOutside_BoxAndMask_TheRestOfThePositiveMass(string kind)
    {
        var map = MapOf(kind, 4, 4, Values);

        PixelMapMetrics.MassOutside(map, new PixelBox(0, 0, 2, 2)).Should().Be(0.25);
        PixelMapMetrics.MassOutside(map, PixelMask.FromPredicate(4, 4, (x, _) => x == 3)).Should().Be(0.75);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MassInside_NoPositiveMass_IsZero(string kind)
    {
        var map = MapOf(kind, 2, 2, [-1, -1, -1, -1]);

        PixelMapMetrics.MassInside(map, new PixelBox(0, 0, 2, 2)).Should().Be(0);
        PixelMapMetrics.MassOutside(map, new PixelBox(0, 0, 1, 1)).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PeakInside_BoxWithToleranceAndMask(string kind)
    {
        var map = MapOf(kind, 4, 4, Values);

        map.Peak.Should().Be((1, 1));
        PixelMapMetrics.PeakInside(map, new PixelBox(1, 1, 1, 1)).Should().BeTrue();
        PixelMapMetrics.PeakInside(map, new PixelBox(2, 2, 2, 2)).Should().BeFalse();
        PixelMapMetrics.PeakInside(map, new PixelBox(2, 2, 2, 2), tolerance: 1).Should().BeTrue();
        PixelMapMetrics.PeakInside(map, PixelMask.FromPredicate(4, 4, (x, y) => x == y)).Should().BeTrue();
        PixelMapMetrics.PeakInside(map, PixelMask.FromPredicate(4, 4, (x, _) => x == 3)).Should().BeFalse();
    }

    [Fact]
    public void PeakInside_Plateau_EachMapBreaksTheTieItsOwnWay()
    {
        // One row 0 1 1 1 0: the same mass for both, but attribution takes the first maximum (1,0) and occlusion the
        // maximum nearest the plateau's centroid (2,0).
        float[] row = [0, 1, 1, 1, 0];
        var attribution = MapOf("attribution", 5, 1, row);
        var occlusion = MapOf("occlusion", 5, 1, row);
        var first = new PixelBox(1, 0, 1, 1);

        PixelMapMetrics.MassInside(attribution, first).Should().Be(PixelMapMetrics.MassInside(occlusion, first)).And.Be(1.0 / 3);
        PixelMapMetrics.PeakInside(attribution, first).Should().BeTrue();
        PixelMapMetrics.PeakInside(occlusion, first).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TopRegionIoU_TopPixelsAgainstBoxAndMask(string kind)
    {
        var map = MapOf(kind, 4, 4, Values);

        // Top 2 of 16 pixels: (1,1) and (3,3). Mask {(1,1), (2,2)}: intersection 1, union 3.
        PixelMapMetrics.TopRegionIoU(map, PixelMask.FromPredicate(4, 4, (x, y) => (x, y) is (1, 1) or (2, 2)), 2.0 / 16).Should().BeApproximately(1.0 / 3, 1e-12);
        // Box (1,1,1x1): intersection 1, union 2. The whole map: intersection 2, union 16.
        PixelMapMetrics.TopRegionIoU(map, new PixelBox(1, 1, 1, 1), 2.0 / 16).Should().Be(0.5);
        PixelMapMetrics.TopRegionIoU(map, new PixelBox(0, 0, 4, 4), 2.0 / 16).Should().Be(0.125);
        PixelMapMetrics.TopRegionMask(map, 0.5).Area.Should().Be(2, "only positive pixels join the top region");
    }

    [Fact]
    public void Metrics_MaskOfAnotherSize_Throw()
    {
        var map = MapOf("occlusion", 4, 4, Values);

        var act = () => PixelMapMetrics.MassInside(map, PixelMask.FromPredicate(3, 3, (_, _) => true));

        act.Should().Throw<ArgumentException>().WithMessage("The 3x3 mask does not match the 4x4 map.*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void TopRegion_FractionOutsideZeroToOne_Throws(double topFraction)
    {
        var map = MapOf("attribution", 4, 4, Values);

        FluentActions.Invoking(() => PixelMapMetrics.TopRegionIoU(map, new PixelBox(0, 0, 1, 1), topFraction)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => PixelMapMetrics.TopRegionMask(map, topFraction)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Metrics_BadArguments_Throw()
    {
        var map = MapOf("attribution", 4, 4, Values);

        FluentActions.Invoking(() => PixelMapMetrics.PeakInside(map, new PixelBox(0, 0, 1, 1), tolerance: -1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => PixelMapMetrics.MassInside(null!, new PixelBox(0, 0, 1, 1))).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => PixelMapMetrics.MassInside(map, (PixelMask)null!)).Should().Throw<ArgumentNullException>();
    }

    /// <summary>An occlusion map (one 1×1 window per pixel) or a saliency map holding <paramref name="values"/>.</summary>
    internal static IPixelMap MapOf(string kind, int width, int height, float[] values) => kind switch
    {
        "occlusion" => OcclusionMetricsTests.MapOf(width, height, (x, y) => values[(y * width) + x]),
        _ => new AttributionMap("saliency", RgbImage.Filled(width, height, Rgb.Gray(100)), 0, "class 0", 0, width, height, values),
    };

    private static float[] Grid(int width, int height, Func<int, int, float> value) =>
        [.. Enumerable.Range(0, width * height).Select(i => value(i % width, i / width))];
}
