using ModelAudit.Imaging;
using ModelAudit.Invariance;

namespace ModelAudit.Tests.Invariance;

public sealed class TransformTests
{
    private static readonly Rgb Black = new(0, 0, 0);
    private static readonly Rgb White = new(255, 255, 255);
    private static readonly Rgb Red = new(255, 0, 0);

    // Smooth, distinct values everywhere, so shifts and rotations are visible in every pixel.
    private static readonly RgbImage Gradient = RgbImage.Create(9, 7, (x, y) => new Rgb((byte)(20 * x), (byte)(30 * y), (byte)(100 + (5 * x) + (7 * y))));

    [Theory]
    [InlineData(3)]
    [InlineData(-2)]
    public void TranslateX_ShiftByK_MovesPixelByK(int k)
    {
        var image = RgbImage.Create(8, 8, (x, y) => x == 4 && y == 3 ? White : Black);

        var shifted = Transform.TranslateX(-4, 4, 1, FillPolicy.Constant(Black)).Apply(image, k);

        shifted[4 + k, 3].Should().Be(White);
        Enumerable.Range(0, 64).Count(i => shifted[i % 8, i / 8] == White).Should().Be(1);
    }

    [Fact]
    public void TranslateY_ShiftByK_MovesPixelByK()
    {
        var image = RgbImage.Create(8, 8, (x, y) => x == 2 && y == 5 ? White : Black);

        var shifted = Transform.TranslateY(-4, 4, 1, FillPolicy.Constant(Black)).Apply(image, -3);

        shifted[2, 2].Should().Be(White);
        shifted[2, 5].Should().Be(Black);
    }

    [Fact]
    public void TranslateX_ConstantFill_PaintsExactlyTheUncoveredColumns()
    {
        var shifted = Transform.TranslateX(0, 2, 1, FillPolicy.Constant(Red)).Apply(Gradient, 2);

        for (var y = 0; y < Gradient.Height; y++)
        {
            for (var x = 0; x < Gradient.Width; x++)
            {
                shifted[x, y].Should().Be(x < 2 ? Red : Gradient[x - 2, y], $"pixel ({x}, {y})");
            }
        }
    }

    [Fact]
    public void TranslateX_ImageMeanAndEdgeFill_UseTheMeanColourAndTheEdgePixel()
    {
        var mean = Transform.TranslateX(-2, 0, 1, FillPolicy.ImageMean).Apply(Gradient, -2);
        var edge = Transform.TranslateX(-2, 0, 1, FillPolicy.EdgeReplicate).Apply(Gradient, -2);

        for (var y = 0; y < Gradient.Height; y++)
        {
            mean[8, y].Should().Be(ImageOps.MeanColour(Gradient));
            mean[6, y].Should().Be(Gradient[8, y]);
            edge[7, y].Should().Be(Gradient[8, y]);
            edge[8, y].Should().Be(Gradient[8, y]);
        }
    }

    [Fact]
    public void Scale_One_IsIdentity()
    {
        var scaled = Transform.Scale(0.5, 1.5, 0.5).Apply(Gradient, 1.0);

        scaled.Pixels.ToArray().Should().Equal(Gradient.Pixels.ToArray());
    }

    [Fact]
    public void Scale_Half_FillsTheBorderAndKeepsTheCentre()
    {
        var image = RgbImage.Filled(9, 9, White);

        var scaled = Transform.Scale(0.5, 1, 0.5, FillPolicy.Constant(Red)).Apply(image, 0.5);

        scaled[0, 0].Should().Be(Red);
        scaled[8, 4].Should().Be(Red);
        scaled[4, 4].Should().Be(White);
        scaled[3, 5].Should().Be(White);
    }

    [Fact]
    public void Rotate_360_IsIdentityWithinInterpolationError()
    {
        var rotate = Transform.Rotate(0, 360, 90, FillPolicy.EdgeReplicate);

        rotate.Apply(Gradient, 360).Pixels.ToArray().Should().Equal(Gradient.Pixels.ToArray());
        // Off the exact quarter-turn path, through bilinear sampling: at most one level of rounding.
        var almost = rotate.Apply(Gradient, 360 - 1e-7).Pixels.ToArray();
        almost.Zip(Gradient.Pixels.ToArray(), (a, b) => Math.Abs(a - b)).Max().Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Rotate_FortyFive_FillsTheCornersOnly()
    {
        var image = RgbImage.Filled(21, 21, White);

        var rotated = Transform.Rotate(0, 45, 45, FillPolicy.Constant(Red)).Apply(image, 45);

        rotated[0, 0].Should().Be(Red);
        rotated[20, 20].Should().Be(Red);
        rotated[10, 10].Should().Be(White);
        rotated[10, 0].Should().Be(White);
    }

    [Fact]
    public void Brightness_AddsTheOffsetAndClamps()
    {
        var image = RgbImage.FromPixels(2, 1, [0, 100, 250, 10, 20, 30]);

        var brighter = Transform.Brightness(-50, 50, 10).Apply(image, 10);
        var darker = Transform.Brightness(-50, 50, 10).Apply(image, -20);

        brighter.Pixels.ToArray().Should().Equal(10, 110, 255, 20, 30, 40);
        darker.Pixels.ToArray().Should().Equal(0, 80, 230, 0, 0, 10);
    }

    [Fact]
    public void Contrast_ScalesAboutMidGrey()
    {
        var image = RgbImage.FromPixels(2, 1, [128, 200, 10, 0, 255, 64]);

        var half = Transform.Contrast(0.5, 2, 0.5).Apply(image, 0.5);
        var twice = Transform.Contrast(0.5, 2, 0.5).Apply(image, 2);

        // v' = (v − 128)·c + 128, rounded half away from zero and clamped.
        half.Pixels.ToArray().Should().Equal(128, 164, 69, 64, 192, 96);
        twice.Pixels.ToArray().Should().Equal(128, 255, 0, 0, 255, 0);
    }

    [Fact]
    public void GaussianBlur_ZeroSigmaOrFlatImage_LeavesPixelsUnchanged()
    {
        var blur = Transform.GaussianBlur(0, 2, 1);
        var flat = RgbImage.Filled(8, 8, new Rgb(40, 90, 200));

        blur.Apply(Gradient, 0).Pixels.ToArray().Should().Equal(Gradient.Pixels.ToArray());
        blur.Apply(flat, 2).Pixels.ToArray().Should().Equal(flat.Pixels.ToArray());
    }

    [Fact]
    public void GaussianNoise_SameSeed_IsIdenticalAndOtherSeedDiffers()
    {
        var grey = RgbImage.Filled(32, 32, Rgb.Gray(128));

        var a = Transform.GaussianNoise(0, 20, 10, seed: 5).Apply(grey, 10).Pixels.ToArray();
        var again = Transform.GaussianNoise(0, 20, 10, seed: 5).Apply(grey, 10).Pixels.ToArray();
        var other = Transform.GaussianNoise(0, 20, 10, seed: 6).Apply(grey, 10).Pixels.ToArray();

        again.Should().Equal(a);
        other.Should().NotEqual(a);
        var diffs = a.Select(v => v - 128.0).ToArray();
        diffs.Average().Should().BeApproximately(0, 1.0);
        Math.Sqrt(diffs.Average(d => d * d)).Should().BeApproximately(10, 0.6);
        Transform.GaussianNoise(0, 20, 10, seed: 5).Apply(grey, 0).Should().BeSameAs(grey);
    }

    [Fact]
    public void Values_FromToStep_IncludeBothEnds()
    {
        Transform.TranslateX(-8, 8, 4).Values.Should().Equal(-8, -4, 0, 4, 8);
        Transform.Scale(0.8, 1.2, 0.1).Values.Should().Equal(0.8, 0.9, 1.0, 1.1, 1.2);
        Transform.Rotate(0, 180, 45).Identity.Should().Be(0);
        Transform.Contrast(0.5, 1.5, 0.5).Identity.Should().Be(1);
    }

    [Fact]
    public void Factories_BadRanges_ThrowNamingTheValue()
    {
        FluentActions.Invoking(() => Transform.TranslateX(0, 8, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*step*");
        FluentActions.Invoking(() => Transform.Rotate(90, 0, 10)).Should().Throw<ArgumentException>().WithMessage("*90..0*");
        FluentActions.Invoking(() => Transform.Scale(0, 1, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*positive*");
    }

    [Fact]
    public void FromValues_ListedValues_AreSortedAndKeepTheKindsRules()
    {
        var scales = Transform.FromValues(TransformKind.Scale, [2, 0.5, 1, 0.75, 1.5]);

        scales.Values.Should().Equal(0.5, 0.75, 1, 1.5, 2);
        (scales.From, scales.To, scales.Step).Should().Be((0.5, 2.0, 0.0));
        scales.Fill.Should().Be(FillPolicy.ImageMean);
        scales.ToString().Should().Be("scale at 0.5, 0.75, 1, 1.5, 2");
        scales.IsGeometric.Should().BeTrue();
        Transform.FromValues(TransformKind.Brightness, [10]).IsGeometric.Should().BeFalse();
        FluentActions.Invoking(() => Transform.FromValues(TransformKind.Scale, [0, 1])).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*positive*");
        FluentActions.Invoking(() => Transform.FromValues(TransformKind.TranslateX, [1, 2, 1])).Should().Throw<ArgumentException>().WithMessage("*1 is listed twice*");
        FluentActions.Invoking(() => Transform.FromValues(TransformKind.TranslateX, [])).Should().Throw<ArgumentException>().WithMessage("*got 0*");
        FluentActions.Invoking(() => Transform.FromValues(TransformKind.TranslateX, [double.NaN])).Should().Throw<ArgumentException>().WithMessage("*finite*");
    }

    [Theory]
    [InlineData(TransformKind.TranslateX, 2.5)]
    [InlineData(TransformKind.Scale, 1.3)]
    [InlineData(TransformKind.Rotate, 20)]
    public void SourceOf_IsWhereApplySamples(TransformKind kind, double value)
    {
        var transform = Transform.FromValues(kind, [value], FillPolicy.EdgeReplicate);
        var source = transform.SourceOf(value, Gradient.Width, Gradient.Height);

        var applied = transform.Apply(Gradient, value);

        // An interior pixel whose source lies inside the image: bilinear interpolation of the source at that point.
        var (sx, sy) = source(4, 3);
        var (x0, y0) = ((int)Math.Floor(sx), (int)Math.Floor(sy));
        var (ax, ay) = (sx - x0, sy - y0);
        double Red(int x, int y) => Gradient[x, y].R;
        var expected = (((Red(x0, y0) * (1 - ax)) + (Red(x0 + 1, y0) * ax)) * (1 - ay)) + (((Red(x0, y0 + 1) * (1 - ax)) + (Red(x0 + 1, y0 + 1) * ax)) * ay);
        ((double)applied[4, 3].R).Should().BeApproximately(expected, 0.5);
    }
}
