using ModelAudit.Imaging;
using ModelAudit.Occlusion;

namespace ModelAudit.Tests.Occlusion;

public sealed class OcclusionMetricsTests
{
    // A 4×4 map: 3 at (1,1), 1 at (3,3), -5 at (0,3) (occlusion helped there: not mass), 0 elsewhere.
    private static readonly OcclusionMap Map = MapOf(4, 4, (x, y) => (x, y) switch { (1, 1) => 3, (3, 3) => 1, (0, 3) => -5, _ => 0 });

    [Fact]
    public void RelevanceMass_BoxAndMask_ShareOfPositiveMass()
    {
        OcclusionMetrics.PositiveMass(Map).Should().Be(4);
        OcclusionMetrics.RelevanceMass(Map, new PixelBox(0, 0, 2, 2)).Should().Be(0.75);
        OcclusionMetrics.RelevanceMass(Map, new PixelBox(0, 2, 4, 2)).Should().Be(0.25);
        OcclusionMetrics.RelevanceMass(Map, PixelMask.FromPredicate(4, 4, (x, y) => x == y)).Should().Be(1);
        OcclusionMetrics.MassOutside(Map, new PixelBox(0, 0, 2, 2)).Should().Be(0.25);
        OcclusionMetrics.MassOutside(Map, PixelMask.FromPredicate(4, 4, (x, y) => x == 3)).Should().Be(0.75);
    }

    [Fact]
    public void RelevanceMass_NoPositiveMass_IsZero() =>
        OcclusionMetrics.RelevanceMass(MapOf(2, 2, (_, _) => -1), new PixelBox(0, 0, 2, 2)).Should().Be(0);

    [Fact]
    public void PointingGame_PeakInsideOrWithinTolerance()
    {
        Map.Peak.Should().Be((1, 1));
        OcclusionMetrics.PointingGame(Map, new PixelBox(1, 1, 1, 1)).Should().BeTrue();
        OcclusionMetrics.PointingGame(Map, new PixelBox(2, 2, 2, 2)).Should().BeFalse();
        OcclusionMetrics.PointingGame(Map, new PixelBox(2, 2, 2, 2), tolerance: 1).Should().BeTrue();
    }

    [Fact]
    public void Peak_Plateau_IsTheMaximalPixelNearestItsCentroid() =>
        MapOf(5, 5, (x, y) => x >= 1 && x <= 3 && y >= 2 ? 1 : 0).Peak.Should().Be((2, 3));

    [Fact]
    public void TopRegionIoU_TopPixelsAgainstMask()
    {
        // Top 2 of 16 pixels: (1,1) and (3,3). Mask {(1,1), (2,2)}: intersection 1, union 3.
        var mask = PixelMask.FromPredicate(4, 4, (x, y) => (x, y) is (1, 1) or (2, 2));

        OcclusionMetrics.TopRegionIoU(Map, mask, 2.0 / 16).Should().BeApproximately(1.0 / 3, 1e-12);
        OcclusionMetrics.TopRegionMask(Map, 0.5).Area.Should().Be(2, "only positive pixels join the top region");
    }

    [Fact]
    public void Metrics_MaskOfAnotherSize_Throw()
    {
        var act = () => OcclusionMetrics.RelevanceMass(Map, PixelMask.FromPredicate(3, 3, (_, _) => true));

        act.Should().Throw<ArgumentException>().WithMessage("The 3x3 mask does not match the 4x4 occlusion map.*");
    }

    /// <summary>A map with the given attribution (one 1×1 window per pixel, stride 1).</summary>
    internal static OcclusionMap MapOf(int width, int height, Func<int, int, float> value, int targetClass = 0)
    {
        var attribution = new float[width * height];
        var windows = new OcclusionWindow[width * height];
        for (var i = 0; i < attribution.Length; i++)
        {
            attribution[i] = value(i % width, i / width);
            windows[i] = new OcclusionWindow(new PixelBox(i % width, i / width, 1, 1), 0.9 - attribution[i], attribution[i]);
        }

        var options = new OcclusionOptions { Window = 1, Stride = 1 };
        return new OcclusionMap(RgbImage.Filled(width, height, Rgb.Gray(100)), targetClass, targetClass, 0.9, [.. Enumerable.Range(0, width)], [.. Enumerable.Range(0, height)], windows, attribution, options);
    }
}
