using ModelAudit.Imaging;

namespace ModelAudit.Tests.Datasets;

public sealed class PixelMaskTests
{
    [Fact]
    public void FromPredicate_Rectangle_HasAreaAndTightBounds()
    {
        var mask = PixelMask.FromPredicate(10, 8, (x, y) => x is >= 2 and < 5 && y is >= 3 and < 7);

        mask.Area.Should().Be(12);
        mask.Bounds.Should().Be(new PixelBox(2, 3, 3, 4));
        mask.Contains(2, 3).Should().BeTrue();
        mask.Contains(5, 3).Should().BeFalse();
    }

    [Fact]
    public void Contains_OutsideTheGrid_IsFalse()
    {
        var mask = PixelMask.FromPredicate(4, 4, (_, _) => true);

        mask.Contains(-1, 0).Should().BeFalse();
        mask.Contains(0, 4).Should().BeFalse();
    }

    [Fact]
    public void Bounds_EmptyMask_IsAnEmptyBox()
    {
        var mask = PixelMask.FromPredicate(4, 4, (_, _) => false);

        mask.Area.Should().Be(0);
        mask.Bounds.Area.Should().Be(0);
    }

    [Fact]
    public void FromImage_AfterToImageAndPng_ReturnsAnEqualMask()
    {
        var mask = PixelMask.FromPredicate(9, 7, (x, y) => (x + y) % 3 == 0);

        var read = PixelMask.FromImage(ImageCodec.Decode(ImageCodec.EncodePng(mask.ToImage())));

        read.Should().Be(mask);
        read.GetHashCode().Should().Be(mask.GetHashCode());
    }

    [Fact]
    public void FromPredicate_NonPositiveSize_IsRejected()
    {
        var act = () => PixelMask.FromPredicate(0, 3, (_, _) => true);

        act.Should().Throw<ArgumentException>().WithMessage("*0x3*");
    }
}
