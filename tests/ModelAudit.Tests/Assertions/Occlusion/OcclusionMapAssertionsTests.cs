using FluentAssertions.Execution;
using ModelAudit.Assertions;
using ModelAudit.Imaging;
using ModelAudit.Occlusion;
using ModelAudit.Tests.Occlusion;

namespace ModelAudit.Tests.Assertions.Occlusion;

public sealed class OcclusionMapAssertionsTests
{
    // 3 of the 4 units of mass at (1,1), 1 at (3,3); class 2.
    private static readonly OcclusionMap Map = OcclusionMetricsTests.MapOf(4, 4, (x, y) => (x, y) switch { (1, 1) => 3, (3, 3) => 1, _ => 0 }, targetClass: 2);

    [Fact]
    public void PutMassInside_EnoughMass_Passes() =>
        Map.Should().PutMassInside(new PixelBox(0, 0, 2, 2), atLeast: 0.7).And.PeakInside(new PixelBox(1, 1, 1, 1))
            .And.PutLittleMassInside(new PixelBox(2, 2, 2, 2), atMost: 0.25).And.HaveTopRegionIoU(new PixelBox(1, 1, 1, 1), topFraction: 2.0 / 16, atLeast: 0.5);

    [Fact]
    public void PutMassInside_TooLittleMass_ReportsShareAndPeak()
    {
        var act = () => Map.Should().PutMassInside(new PixelBox(2, 2, 2, 2), atLeast: 0.6, "the object is there");

        act.Should().Throw<Exception>().WithMessage(
            "Expected occlusion map for class 2 to put at least 60% of its positive drop mass inside box (2,2,2x2) because the object is there, " +
            "but found 25% (peak at 1,1; max drop 3.00 at window (1,1,1x1); base p 0.90).");
    }

    [Fact]
    public void PutMassInside_Mask_ReportsTheMask()
    {
        var mask = PixelMask.FromPredicate(4, 4, (x, y) => x == 3 && y == 3);

        var act = () => Map.Should().PutMassInside(mask, atLeast: 0.5);

        act.Should().Throw<Exception>().WithMessage("*at least 50% of its positive drop mass inside mask of 1 px in (3,3,1x1), but found 25%*");
    }

    [Fact]
    public void PutLittleMassInside_TooMuchMassInBox_Fails()
    {
        var act = () => Map.Should().PutLittleMassInside(new PixelBox(0, 0, 2, 2), atMost: 0.1);

        act.Should().Throw<Exception>().WithMessage("*to put at most 10% of its positive drop mass inside box (0,0,2x2), but found 75% (peak at 1,1;*");
    }

    [Fact]
    public void PeakInside_PeakElsewhere_ReportsThePeak()
    {
        var act = () => Map.Should().PeakInside(new PixelBox(3, 0, 1, 4), tolerance: 1);

        act.Should().Throw<Exception>().WithMessage(
            "Expected occlusion map for class 2 to peak inside box (3,0,1x4) grown by 1 px, " +
            "but found its peak at 1,1 (25% of its positive drop mass inside the box; max drop 3.00 at window (1,1,1x1); base p 0.90).");
    }

    [Fact]
    public void Should_NullMap_FailsClearly()
    {
        OcclusionMap? map = null;

        var act = () => map!.Should().PutMassInside(new PixelBox(0, 0, 1, 1), atLeast: 0.5);

        act.Should().Throw<Exception>().WithMessage("Expected occlusion map to put at least 50% of its positive drop mass inside box (0,0,1x1), but found <null>.");
    }

    [Fact]
    public void Should_NullMapInAScope_CollectsEveryFailureWithoutMeasuring()
    {
        OcclusionMap? map = null;

        var act = () =>
        {
            using var scope = new AssertionScope();
            map!.Should().PutMassInside(new PixelBox(0, 0, 1, 1), atLeast: 0.5).And.PeakInside(new PixelBox(0, 0, 1, 1));
        };

        act.Should().Throw<Exception>().WithMessage("*at least 50%*but found <null>.*to peak inside box (0,0,1x1), but found <null>.");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void PutMassInside_ShareOutsideZeroToOne_Throws(double share)
    {
        var act = () => Map.Should().PutMassInside(new PixelBox(0, 0, 1, 1), atLeast: share);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("atLeast is a fraction and must lie in [0, 1]*");
    }
}
