using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Tests.Models;

public sealed class ImagePlacementTests
{
    private static InputSpec Spec(ResizePolicy policy) =>
        InputSpec.FromScaleOffset(48, 320, ChannelOrder.Rgb, [1f / 255], [0f]) with { Resize = policy, Pad = new Rgb(9, 9, 9) };

    [Fact]
    public void FitHeight_ShortLine_KeepsTheAspectAndPadsOnTheRight()
    {
        var spec = Spec(ResizePolicy.FitHeight);
        var line = RgbImage.Filled(100, 24, new Rgb(200, 200, 200));

        var placed = spec.Place(line);
        var at = spec.Placement(100, 24);

        (placed.Width, placed.Height).Should().Be((320, 48));
        (at.ScaleX, at.ScaleY, at.OffsetX, at.OffsetY).Should().Be((2.0, 2.0, 0.0, 0.0));
        placed[199, 47].Should().Be(new Rgb(200, 200, 200));
        placed[200, 0].Should().Be(new Rgb(9, 9, 9));
        at.ChangesAspect.Should().BeFalse();
        at.Map(new PixelBox(10, 2, 20, 10), new PixelBox(0, 0, 320, 48)).Should().Be(new PixelBox(20, 4, 40, 20));
        at.Describe(320, 48).Should().Be("fit_height: 100x24 scaled by 2 to 200x48, padded into 320x48");
    }

    [Fact]
    public void FitHeight_LongLine_IsNarrowedAndSaysTheAspectChanged()
    {
        var at = Spec(ResizePolicy.FitHeight).Placement(400, 24);

        (at.ScaleX * 400).Should().BeApproximately(320, 1e-9);
        at.ChangesAspect.Should().BeTrue();
        at.Describe(320, 48).Should().Contain("aspect ratio changed");
    }

    [Fact]
    public void Letterbox_TallImage_IsCentredWithPaddingOnBothSides()
    {
        var spec = Spec(ResizePolicy.Letterbox);
        var image = RgbImage.Filled(48, 96, new Rgb(200, 0, 0));

        var placed = spec.Place(image);
        var at = spec.Placement(48, 96);

        (at.ScaleX, at.ScaleY, at.OffsetX, at.OffsetY).Should().Be((0.5, 0.5, 148.0, 0.0));
        placed[147, 10].Should().Be(new Rgb(9, 9, 9));
        placed[148, 10].Should().Be(new Rgb(200, 0, 0));
        placed[171, 10].Should().Be(new Rgb(200, 0, 0));
        placed[172, 10].Should().Be(new Rgb(9, 9, 9));
    }

    [Fact]
    public void CropCenter_WideImage_CutsBothSidesAndMapsBoxesThroughTheCrop()
    {
        var spec = InputSpec.FromScaleOffset(10, 10, ChannelOrder.Rgb, [1f / 255], [0f]) with { Resize = ResizePolicy.CropCenter };
        var image = RgbImage.Create(40, 20, (x, _) => x < 20 ? new Rgb(255, 0, 0) : new Rgb(0, 0, 255));

        var at = spec.Placement(40, 20);
        var placed = spec.Place(image);

        (at.ScaleX, at.OffsetX, at.OffsetY).Should().Be((0.5, -5.0, 0.0));
        (placed.Width, placed.Height).Should().Be((10, 10));
        placed[0, 5].Should().Be(new Rgb(255, 0, 0));
        placed[9, 5].Should().Be(new Rgb(0, 0, 255));
        at.Map(new PixelBox(0, 0, 12, 20), new PixelBox(0, 0, 10, 10)).Should().Be(new PixelBox(0, 0, 1, 10));
    }

    [Theory]
    [InlineData(ResizePolicy.CropLeft, 0.0, 0.0)]
    [InlineData(ResizePolicy.CropRight, -10.0, 0.0)]
    [InlineData(ResizePolicy.CropTop, -5.0, 0.0)]
    public void CropAnchor_WideImage_KeepsTheAnchoredSideOrCentres(ResizePolicy policy, double offsetX, double offsetY)
    {
        var spec = InputSpec.FromScaleOffset(10, 10, ChannelOrder.Rgb, [1f / 255], [0f]) with { Resize = policy };

        var at = spec.Placement(40, 20);

        (at.ScaleX, at.OffsetX, at.OffsetY).Should().Be((0.5, offsetX, offsetY), "a top anchor only acts on an image cut vertically");
    }

    [Fact]
    public void MlNetResampling_Letterbox_TruncatesTheRectangleAsMlNetDoes()
    {
        var spec = InputSpec.FromScaleOffset(64, 64, ChannelOrder.Rgb, [1f / 255], [0f]) with { Resize = ResizePolicy.Letterbox, Resampling = Resampling.MLNet };
        var image = RgbImage.Filled(100, 60, new Rgb(200, 10, 10));

        var at = spec.Placement(100, 60);
        var placed = spec.Place(image);

        // 60 × 0.64 = 38.4 → 38 rows at y = (int)12.8 = 12 (ModelAudit's own rounding would put 38 rows at 13).
        (at.OffsetY, at.ScaleY * 60).Should().Be((12.0, 38.0));
        placed[32, 11].Should().Be(new Rgb(0, 0, 0));
        placed[32, 12].Should().Be(new Rgb(200, 10, 10));
        placed[32, 49].Should().Be(new Rgb(200, 10, 10));
        placed[32, 50].Should().Be(new Rgb(0, 0, 0));
    }

    [Fact]
    public void MlNetResampling_FitHeight_HasNoMlNetCounterpart()
    {
        var spec = InputSpec.FromScaleOffset(48, 64, ChannelOrder.Rgb, [1f / 255], [0f]) with { Resize = ResizePolicy.FitHeight, Resampling = Resampling.MLNet };

        var act = () => spec.Place(RgbImage.Filled(100, 30, default));

        act.Should().Throw<ArgumentException>().WithMessage("Resize fit_height has no ML.NET counterpart*");
    }

    [Fact]
    public void Stretch_IsTheDefaultAndResizesAsBefore()
    {
        var spec = InputSpec.FromScaleOffset(4, 4, ChannelOrder.Rgb, [1f / 255], [0f]);
        var image = RgbImage.Create(8, 2, (x, y) => new Rgb((byte)(x * 30), (byte)(y * 100), 0));

        spec.Resize.Should().Be(ResizePolicy.Stretch);
        spec.Place(image).Pixels.ToArray().Should().Equal(ImageOps.Resize(image, 4, 4).Pixels.ToArray());
    }
}
