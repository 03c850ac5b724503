using ModelAudit.Assertions;
using ModelAudit.Gradients;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Assertions.Gradients;

public sealed class AttributionMapAssertionsTests
{
    // Saliency for class 1: 3 of the 4 units of mass at (1,1), 1 at (3,3), negative evidence at (0,3).
    private static readonly AttributionMap Map = new(
        "saliency", RgbImage.Filled(4, 4, Rgb.Gray(100)), 1, "class 1", 2f, 4, 4,
        [.. Enumerable.Range(0, 16).Select(i => (i % 4, i / 4) switch { (1, 1) => 3f, (3, 3) => 1f, (0, 3) => -5f, _ => 0f })]);

    [Fact]
    public void Assertions_MapOnTheObject_Pass() =>
        Map.Should().PutMassInside(new PixelBox(0, 0, 2, 2), atLeast: 0.75)
            .And.PutLittleMassInside(PixelMask.FromPredicate(4, 4, (x, _) => x == 3), atMost: 0.25)
            .And.PeakInside(PixelMask.FromPredicate(4, 4, (x, y) => x == y))
            .And.HaveTopRegionIoU(PixelMask.FromPredicate(4, 4, (x, y) => (x, y) is (1, 1) or (3, 3)), topFraction: 0.125, atLeast: 1);

    [Fact]
    public void PutMassInside_TooLittleMass_ReportsShareAndPeak()
    {
        var act = () => Map.Should().PutMassInside(new PixelBox(2, 2, 2, 2), atLeast: 0.6, "the {0} is there", "object");

        act.Should().Throw<Exception>().WithMessage(
            "Expected attribution map for class 1 by saliency to put at least 60% of its positive mass inside box (2,2,2x2) because the object is there, but found 25% (peak at 1,1).");
    }

    [Fact]
    public void PutLittleMassInside_Mask_ReportsTheMask()
    {
        var act = () => Map.Should().PutLittleMassInside(PixelMask.FromPredicate(4, 4, (x, y) => x < 2 && y < 2), atMost: 0.5);

        act.Should().Throw<Exception>().WithMessage(
            "Expected attribution map for class 1 by saliency to put at most 50% of its positive mass inside mask of 4 px in (0,0,2x2), but found 75% (peak at 1,1).");
    }

    [Fact]
    public void PeakInside_PeakElsewhere_ReportsThePeakAndTheShare()
    {
        var act = () => Map.Should().PeakInside(new PixelBox(3, 0, 1, 4));

        act.Should().Throw<Exception>().WithMessage(
            "Expected attribution map for class 1 by saliency to peak inside box (3,0,1x4), but found its peak at 1,1 (25% of its positive mass inside the box).");
    }

    [Fact]
    public void HaveTopRegionIoU_LittleOverlap_ReportsTheIoU()
    {
        // Top 2 of 16 pixels, (1,1) and (3,3), against the box (1,1,1x1): intersection 1, union 2.
        var act = () => Map.Should().HaveTopRegionIoU(new PixelBox(1, 1, 1, 1), topFraction: 0.125, atLeast: 0.6);

        act.Should().Throw<Exception>().WithMessage(
            "Expected attribution map for class 1 by saliency to overlap box (1,1,1x1) with its top 12.5% of pixels by an IoU of at least 0.6, but found an IoU of 0.5 (peak at 1,1).");
    }

    [Fact]
    public void Should_NullMap_FailsClearly()
    {
        AttributionMap? map = null;

        var act = () => map!.Should().PeakInside(new PixelBox(0, 0, 1, 1));

        act.Should().Throw<Exception>().WithMessage("Expected attribution map to peak inside box (0,0,1x1), but found <null>.");
    }

    [Fact]
    public void Assertions_ArgumentsOutOfRange_Throw()
    {
        var box = new PixelBox(0, 0, 1, 1);

        FluentActions.Invoking(() => Map.Should().PutLittleMassInside(box, atMost: 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("atMost");
        FluentActions.Invoking(() => Map.Should().PeakInside(box, tolerance: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("tolerance");
        FluentActions.Invoking(() => Map.Should().HaveTopRegionIoU(box, topFraction: 0, atLeast: 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("topFraction");
        FluentActions.Invoking(() => Map.Should().PutMassInside((PixelMask)null!, atLeast: 0.5)).Should().Throw<ArgumentNullException>().WithParameterName("mask");
    }
}
