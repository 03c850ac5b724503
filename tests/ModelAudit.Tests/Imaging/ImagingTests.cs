using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Tests.Imaging;

public sealed class ImagingTests
{
    private static RgbImage Gradient(int w, int h) => RgbImage.Create(w, h, (x, y) => new Rgb((byte)(x * 20), (byte)(y * 20), (byte)((x + y) * 7)));

    [Fact]
    public void EncodePng_SamePixels_GiveSameBytesAndRoundTrip()
    {
        var image = Gradient(9, 7);

        var a = ImageCodec.EncodePng(image);
        var b = ImageCodec.EncodePng(RgbImage.FromPixels(9, 7, image.Pixels));

        a.Should().Equal(b);
        ImageCodec.Decode(a).Pixels.ToArray().Should().Equal(image.Pixels.ToArray());
    }

    [Fact]
    public void Decode_Jpeg_GivesAnImageCloseToTheOriginal()
    {
        var image = RgbImage.Filled(16, 16, new Rgb(200, 40, 90));
        using var bitmap = ImageCodec.ToBitmap(image);
        using var jpeg = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 95);

        var decoded = ImageCodec.Decode(jpeg.ToArray(), "red.jpg");

        decoded.Width.Should().Be(16);
        ((int)decoded[8, 8].R).Should().BeCloseTo(200, 4);
        ((int)decoded[8, 8].G).Should().BeCloseTo(40, 4);
    }

    [Fact]
    public void Decode_TruncatedPng_SaysTruncated()
    {
        var png = ImageCodec.EncodePng(Gradient(32, 32));

        var act = () => ImageCodec.Decode(png[..(png.Length / 2)], "cut.png");

        act.Should().Throw<InvalidImageException>().WithMessage("*'cut.png'*truncated*");
    }

    [Fact]
    public void Decode_NotAnImage_SaysNotReadable()
    {
        var act = () => ImageCodec.Decode("hello"u8.ToArray(), "hello.png");

        act.Should().Throw<InvalidImageException>().WithMessage("*'hello.png' is not a readable PNG or JPEG*");
    }

    [Fact]
    public void Create_ZeroSize_IsRejected()
    {
        var act = () => RgbImage.Filled(0, 5, default);

        act.Should().Throw<ArgumentException>().WithMessage("*positive size*0x5*");
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(-2, 1)]
    [InlineData(0, 4)]
    public void Translate_ByWholePixels_MovesEveryPixelAndFillsTheRest(int dx, int dy)
    {
        var image = Gradient(10, 8);
        var fill = new Rgb(1, 2, 3);

        var moved = ImageOps.Translate(image, dx, dy, fill);

        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 10; x++)
            {
                var (sx, sy) = (x - dx, y - dy);
                var expected = sx is >= 0 and < 10 && sy is >= 0 and < 8 ? image[sx, sy] : fill;
                moved[x, y].Should().Be(expected, "pixel ({0},{1})", x, y);
            }
        }
    }

    [Fact]
    public void Rotate_By360_IsIdentityAndBy180TwiceToo()
    {
        var image = Gradient(12, 6);

        ImageOps.Rotate(image, 360, default).Pixels.ToArray().Should().Equal(image.Pixels.ToArray());
        ImageOps.Rotate(ImageOps.Rotate(image, 180, default), 180, default).Pixels.ToArray().Should().Equal(image.Pixels.ToArray());
        ImageOps.Rotate(image, 180, default)[0, 0].Should().Be(image[11, 5]);
    }

    [Fact]
    public void Rotate_ByOddAngleAndBack_StaysCloseInTheCentre()
    {
        var image = RgbImage.Create(32, 32, (x, y) => Rgb.Gray((byte)(128 + (60 * Math.Sin(x / 5.0) * Math.Cos(y / 6.0)))));

        var back = ImageOps.Rotate(ImageOps.Rotate(image, 17, default), -17, default);

        for (var y = 10; y < 22; y++)
        {
            for (var x = 10; x < 22; x++)
            {
                ((int)back[x, y].R).Should().BeCloseTo(image[x, y].R, 6);
            }
        }
    }

    [Fact]
    public void FillRect_PaintsOnlyTheBoxClippedToTheImage()
    {
        var image = RgbImage.Filled(6, 6, Rgb.Gray(9));

        var filled = ImageOps.FillRect(image, new PixelBox(4, 4, 5, 5), Rgb.Gray(200));

        filled[5, 5].Should().Be(Rgb.Gray(200));
        filled[3, 5].Should().Be(Rgb.Gray(9));
        image[5, 5].Should().Be(Rgb.Gray(9), "the source image never changes");
    }

    [Fact]
    public void WriteTensor_BgrMeanStd_LaysOutChannelsAsTheSpecSays()
    {
        var spec = InputSpec.FromMeanStd(1, 2, ChannelOrder.Bgr, [0.5f], [0.5f]);
        var image = RgbImage.Create(2, 1, (x, _) => x == 0 ? new Rgb(255, 0, 0) : new Rgb(0, 0, 255));

        var t = spec.ToTensor(image);

        // Channel 0 is blue: pixel 0 has none (−1), pixel 1 is full blue (+1).
        t.Should().Equal(-1f, 1f, -1f, -1f, 1f, -1f);
        spec.ValueOf(new Rgb(255, 0, 0)).Should().Equal(-1f, -1f, 1f);
    }

    [Fact]
    public void Render_TextLine_FillsTheHeightWithDarkGlyphs()
    {
        var line = TextLineRenderer.Render("Hello ModelAudit 2026");

        line.Width.Should().Be(192);
        line.Height.Should().Be(48);
        var darkRows = Enumerable.Range(0, 48).Count(y => Enumerable.Range(0, 192).Any(x => line[x, y].R < 100));
        darkRows.Should().BeGreaterThan(24, "the glyphs fill most of the line height");
    }
}
