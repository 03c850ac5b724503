using ModelAudit.Imaging;
using ModelAudit.Occlusion;

namespace ModelAudit.Tests.Occlusion;

public sealed class OcclusionOptionsTests
{
    private static readonly RgbImage Image = RgbImage.Filled(6, 5, Rgb.Gray(200));

    [Fact]
    public void Compute_WindowLargerThanImage_SaysWhichSizes()
    {
        var act = () => Compute(new OcclusionOptions { WindowWidth = 7, WindowHeight = 2 });

        act.Should().Throw<ArgumentException>().WithMessage("*7x2 (WxH) window is larger than the model's 6x5 input*");
    }

    [Fact]
    public void Compute_StrideZero_NamesTheStride()
    {
        var act = () => Compute(new OcclusionOptions { Window = 2, Stride = 0 });

        act.Should().Throw<ArgumentException>().WithMessage("*Stride must be at least 1 pixel, but was 0*");
    }

    [Fact]
    public void Compute_StrideLargerThanWindow_WouldLeaveGaps()
    {
        var act = () => Compute(new OcclusionOptions { Window = 2, Stride = 3 });

        act.Should().Throw<ArgumentException>().WithMessage("*Stride 3 is larger than the 2x2 (WxH) window*");
    }

    [Fact]
    public void Compute_TargetOutOfRange_SaysHowManyClassesThereAre()
    {
        var act = () => Compute(new OcclusionOptions { Window = 2, Stride = 1, Target = 2 });

        act.Should().Throw<ArgumentException>().WithMessage("*Target class 2 is out of range: the model has 2 classes (0..1)*");
    }

    [Fact]
    public void Compute_BadBlurAndFillImage_AreRejected()
    {
        var blur = () => Compute(new OcclusionOptions { Window = 2, Stride = 1, Fill = OcclusionFill.Blurred(0) });
        var image = () => Compute(new OcclusionOptions { Window = 2, Stride = 1, Fill = OcclusionFill.FromImage(RgbImage.Filled(4, 4, Rgb.Gray(0))) });

        blur.Should().Throw<ArgumentException>().WithMessage("*blur fill needs a positive finite sigma, but 0 was given*");
        image.Should().Throw<ArgumentException>().WithMessage("*fill image is 4x4, but it must match the model's 6x5 input*");
    }

    [Fact]
    public void Window_SetsBothSides()
    {
        var options = new OcclusionOptions { Window = 12 };

        (options.WindowWidth, options.WindowHeight, options.Window).Should().Be((12, 12, 12));
        OcclusionOptions.Default.Should().Be(new OcclusionOptions { WindowWidth = 8, WindowHeight = 8, Stride = 4, Fill = OcclusionFill.MidGray, BatchSize = 32 });
    }

    [Fact]
    public void Compute_BlurAndImageFills_CopyTheirPixelsIntoTheWindow()
    {
        var weights = Enumerable.Repeat(0.1f, 30).ToArray();
        using var model = LinearGrayModel.Create(5, 6, weights);
        var image = RgbImage.Create(6, 5, (x, y) => Rgb.Gray((byte)(40 * x)));
        var replacement = RgbImage.Filled(6, 5, Rgb.Gray(255));
        var box = new PixelBox(0, 0, 3, 5);

        var blurred = new OcclusionSensitivity(model).Compute(image, new OcclusionOptions { WindowWidth = 3, WindowHeight = 5, Stride = 3, Fill = OcclusionFill.Blurred(1.5) });
        var pasted = new OcclusionSensitivity(model).Compute(image, new OcclusionOptions { WindowWidth = 3, WindowHeight = 5, Stride = 3, Fill = OcclusionFill.FromImage(replacement) });

        blurred.Windows[0].Probability.Should().BeApproximately(LinearGrayModel.Probability(ImageOps.PasteRect(image, box, ImageOps.GaussianBlur(image, 1.5)), weights), 1e-5);
        pasted.Windows[0].Probability.Should().BeApproximately(LinearGrayModel.Probability(ImageOps.FillRect(image, box, Rgb.Gray(255)), weights), 1e-5);
    }

    private static OcclusionMap Compute(OcclusionOptions options)
    {
        using var model = LinearGrayModel.Create(5, 6, new float[30]);
        return new OcclusionSensitivity(model).Compute(Image, options);
    }
}
