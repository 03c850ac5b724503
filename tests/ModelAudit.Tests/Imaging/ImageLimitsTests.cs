using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Imaging;

public sealed class ImageLimitsTests : IDisposable
{
    // A refused image must cost next to nothing; a decoder that allocated first and failed after would use gigabytes.
    private const long SmallAllocation = 50L * 1024 * 1024;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "modelaudit-tests", "limits-" + Guid.NewGuid().ToString("N"));

    public ImageLimitsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(23170u, 23170u, "536.8")] // 2 GB of RGBA: allocated, then failed as truncated
    [InlineData(40000u, 40000u, "1600")] // over 2 GB: SkiaSharp threw a raw System.Exception
    [InlineData(1000000u, 1000000u, "1000000")] // libpng's own row and column limits
    public void Decode_PngDeclaringHugeSize_RefusesBeforeAllocating(uint width, uint height, string megapixels)
    {
        var png = CraftedImages.Png(width, height);

        var act = () => ImageCodec.Decode(png, "huge.png");

        AllocatedBytes(() => act.Should().Throw<InvalidImageException>()
                .WithMessage($"'huge.png' declares {width}x{height} pixels ({megapixels} megapixels), more than the limit of 64 megapixels*raise the limit*ImageLimits.Global*"))
            .Should().BeLessThan(SmallAllocation);
    }

    [Fact]
    public void Decode_JpegWithPatchedFrameSize_RefusesBeforeAllocating()
    {
        var jpeg = CraftedImages.Jpeg(10000, 46341);

        var act = () => ImageCodec.Decode(jpeg, "patched.jpg");

        AllocatedBytes(() => act.Should().Throw<InvalidImageException>().WithMessage("'patched.jpg' declares 10000x46341 pixels (463.4 megapixels)*"))
            .Should().BeLessThan(SmallAllocation);
    }

    [Fact]
    public void Load_FileDeclaringHugeSize_NamesTheFileAndRefusesBeforeAllocating()
    {
        var path = Path.Combine(_folder, "huge.png");
        File.WriteAllBytes(path, CraftedImages.Png(23170, 23170));

        var act = () => ImageCodec.Load(path);

        AllocatedBytes(() => act.Should().Throw<InvalidImageException>().WithMessage($"'{path}' declares 23170x23170 pixels*"))
            .Should().BeLessThan(SmallAllocation);
    }

    [Fact]
    public void Decode_PngDeclaringZeroWidth_IsAnInvalidImage()
    {
        var act = () => ImageCodec.Decode(CraftedImages.Png(0, 10), "zero.png");

        act.Should().Throw<InvalidImageException>().WithMessage("*'zero.png'*");
    }

    [Fact]
    public void Decode_JpegDeclaringZeroHeight_IsAnInvalidImage()
    {
        var act = () => ImageCodec.Decode(CraftedImages.Jpeg(16, 0), "zero.jpg");

        act.Should().Throw<InvalidImageException>().WithMessage("*'zero.jpg'*");
    }

    [Fact]
    public void Decode_PngWithinSizeButWithoutPixelData_SaysTruncated()
    {
        var act = () => ImageCodec.Decode(CraftedImages.Png(64, 64), "empty.png");

        act.Should().Throw<InvalidImageException>().WithMessage("'empty.png' could not be decoded completely*truncated*");
    }

    [Fact]
    public void Decode_ImageAboveALoweredLimit_IsRefused_AndFitsARaisedOne()
    {
        var png = ImageCodec.EncodePng(RgbImage.Filled(20, 20, new Rgb(1, 2, 3)));

        var refused = () => ImageCodec.Decode(png, "small.png", new ImageLimits { MaxPixels = 399 });
        var decoded = ImageCodec.Decode(png, "small.png", new ImageLimits { MaxPixels = 400 });

        refused.Should().Throw<InvalidImageException>().WithMessage("'small.png' declares 20x20 pixels*(ImageLimits.MaxPixels = 399)*");
        decoded.Width.Should().Be(20);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(ImageLimits.LargestMaxPixels + 1)]
    public void Decode_MaxPixelsOutOfRange_NamesTheProperty(long maxPixels)
    {
        var png = ImageCodec.EncodePng(RgbImage.Filled(2, 2, default));

        var act = () => ImageCodec.Decode(png, "small.png", new ImageLimits { MaxPixels = maxPixels });

        act.Should().Throw<ArgumentException>().WithMessage($"Invalid image limits: MaxPixels must lie in [1, 536870911]*but was {maxPixels}.");
    }

    [Fact]
    public void DefaultMaxPixels_Is64Megapixels() =>
        new ImageLimits().MaxPixels.Should().Be(64_000_000);

    private static long AllocatedBytes(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
