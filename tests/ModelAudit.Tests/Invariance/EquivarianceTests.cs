using System.Text.Json;
using ModelAudit.Imaging;
using ModelAudit.Invariance;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Invariance;

public sealed class EquivarianceTests
{
    // Even column 2j holds 40 + 20j, every odd column 250; a stride-2 map sees only the even ones.
    private static readonly Func<int, int> EvenRampOddBright = x => x % 2 == 0 ? 40 + (10 * x) : 250;

    [Theory]
    [InlineData(TransformKind.TranslateX)]
    [InlineData(TransformKind.TranslateY)]
    public void Compute_PointwiseConvIntegerShifts_MapMovesExactly(TransformKind kind)
    {
        using var model = EquivarianceModels.Pointwise();

        var curve = new Equivariance(model).Compute(
            Transform.FromValues(kind, [-3, -2, -1, 0, 1, 2, 3]), EquivarianceModels.Textures(3), new EquivarianceOptions { Tensors = ["conv"] });

        curve.Tensors.Should().Equal(new EquivarianceTensor("out", 2, 16, 16), new EquivarianceTensor("conv", 2, 16, 16));
        foreach (var p in curve.Points)
        {
            foreach (var tensor in new[] { "out", "conv" })
            {
                var e = p.At(tensor);
                e.Error.Should().BeLessThan(1e-6, $"a pointwise map moves pixel for pixel ({tensor} at {p.Value})");
                e.ComparedFraction.Should().Be((16 - Math.Abs(p.Value)) / 16, "only the band shifted in from outside is left out");
                if (p.Value != 0)
                {
                    e.InvarianceError.Should().BeGreaterThan(0.05, "the texture itself moved");
                }
            }
        }

        curve.At("out", 0).InvarianceError.Should().Be(0);
        curve.At("out", 0).ComparedFraction.Should().Be(1);
    }

    [Fact]
    public void Compute_PointwiseConvQuarterTurns_MapTurnsExactly()
    {
        using var model = EquivarianceModels.Pointwise();

        var curve = new Equivariance(model).Compute(Transform.Rotate(0, 270, 90), EquivarianceModels.Textures(2));

        curve.Points.Should().AllSatisfy(p => p.At("out").Error.Should().BeLessThan(1e-6));
        curve.Points.Should().AllSatisfy(p => p.At("out").ComparedFraction.Should().Be(1));
        curve.InvarianceErrorAt("out", 180).Should().BeGreaterThan(0.1);
    }

    [Fact]
    public void Compute_PointwiseLinearMapScaled_DiffersOnlyByPixelRounding()
    {
        // Scaling resamples the input bilinearly and rounds it to bytes; a linear pointwise map commutes with the
        // resampling, so only the rounding (at most half a grey level) is left.
        using var model = EquivarianceModels.Pointwise();

        var curve = new Equivariance(model).Compute(
            Transform.FromValues(TransformKind.Scale, [0.5, 0.8, 1, 1.25, 2]), EquivarianceModels.Textures(2), new EquivarianceOptions { Tensors = ["conv"] });

        curve.Points.Should().AllSatisfy(p => p.At("conv").Error.Should().BeLessThan(0.01));
        curve.InvarianceErrorAt("conv", 2).Should().BeGreaterThan(0.1);
        curve.At("conv", 2).ComparedFraction.Should().Be(1, "zooming in uncovers nothing");
        // Zooming out by 2 about the centre (7.5, 7.5) keeps pixels 4..11 of 16 on the map in each direction.
        curve.At("conv", 0.5).ComparedFraction.Should().Be(8.0 * 8 / 256);
    }

    [Fact]
    public void Compute_PositionRampOnAFlatImage_IsInvariantButNotEquivariant()
    {
        // A flat image is unchanged by a shift, so the map is too: the ramp stays where it is instead of moving.
        // At a shift of 2, columns 2..15 compare ramp values x + 1 with x − 1: sqrt(14·2² / (1² + … + 14²)) = sqrt(56 / 1015).
        using var model = EquivarianceModels.Ramp();
        var flat = RgbImage.Filled(16, 16, new Rgb(90, 90, 90));

        var curve = new Equivariance(model).Compute(Transform.TranslateX(0, 2, 2), [flat]);

        curve.ErrorAt("out", 2).Should().BeApproximately(Math.Sqrt(56.0 / 1015), 1e-6);
        curve.InvarianceErrorAt("out", 2).Should().Be(0);
        curve.ErrorAt("out", 0).Should().Be(0);
    }

    [Fact]
    public void Compute_PositionRampOnTextures_ErrorClearlyAboveZero()
    {
        using var model = EquivarianceModels.Ramp();

        var curve = new Equivariance(model).Compute(Transform.TranslateX(-4, 4, 2), EquivarianceModels.Textures(4));

        curve.Points.Where(p => p.Value != 0).Should().AllSatisfy(p => p.At("out").Error.Should().BeGreaterThan(0.1));
        curve.At("out", 4).ErrorStd.Should().BeGreaterThan(0, "the images differ, and so do their errors");
    }

    [Fact]
    public void Compute_StrideTwoEvenShifts_MapMovesByWholePixels()
    {
        // A shift of 2 input pixels is 1 map pixel: map column u sees input column 2u − 2, which is the untransformed
        // map's column u − 1. Columns 1..7 of 8 are compared. Unmoved, column u would hold 40 + 20u where it now holds
        // 20 + 20u: sqrt(7·20² / (60² + 80² + … + 180²)) = sqrt(2800 / 112000).
        using var model = EquivarianceModels.StrideTwo();

        var curve = new Equivariance(model).Compute(Transform.TranslateX(-2, 2, 2), [EquivarianceModels.Columns(EvenRampOddBright)]);

        curve.Tensors.Should().Equal(new EquivarianceTensor("out", 1, 8, 8));
        curve.ErrorAt("out", 2).Should().BeLessThan(1e-6);
        curve.ErrorAt("out", -2).Should().BeLessThan(1e-6);
        curve.InvarianceErrorAt("out", 2).Should().BeApproximately(Math.Sqrt(2800.0 / 112000), 1e-6);
        curve.At("out", 2).ComparedFraction.Should().Be(7.0 / 8);
    }

    [Fact]
    public void Compute_StrideTwoOddShifts_SeeTheColumnsTheMapSkipped()
    {
        // A shift of 1 is half a map pixel. Map column u (1..7) now samples odd input column 2u − 1, level 250; the
        // moved map there is the mean of columns u − 1 and u, 30 + 20u. Errors 220 − 20u against 30 + 20u:
        // sqrt((200² + 180² + … + 80²) / (50² + 70² + … + 170²)) = sqrt(148400 / 95900). A shift of −1 mirrors it.
        using var model = EquivarianceModels.StrideTwo();

        var curve = new Equivariance(model).Compute(Transform.TranslateX(-1, 1, 2), [EquivarianceModels.Columns(EvenRampOddBright)]);

        curve.ErrorAt("out", 1).Should().BeApproximately(Math.Sqrt(148400.0 / 95900), 1e-6);
        curve.ErrorAt("out", -1).Should().BeApproximately(Math.Sqrt(148400.0 / 95900), 1e-6);
        // Against the unmoved map, 40 + 20u: sqrt((190² + … + 70²) / (60² + … + 180²)) = sqrt(129500 / 112000).
        curve.InvarianceErrorAt("out", 1).Should().BeApproximately(Math.Sqrt(129500.0 / 112000), 1e-6);
        // At −1 columns 0..6 are compared, 250 against 40 + 20u: sqrt((210² + … + 90²) / (40² + … + 160²)).
        curve.InvarianceErrorAt("out", -1).Should().BeApproximately(Math.Sqrt(168700.0 / 81200), 1e-6);
        curve.At("out", 1).ComparedFraction.Should().Be(7.0 / 8);
    }

    [Fact]
    public void Compute_ZeroPaddedBlur_MarginOfItsRadiusLeavesNoError()
    {
        using var model = EquivarianceModels.BlurThenStride();
        var sweep = new Equivariance(model);
        var shifts = Transform.TranslateX(-4, 4, 2);

        var tight = sweep.Compute(shifts, EquivarianceModels.Textures(3), new EquivarianceOptions { Tensors = ["blur"] });
        var margin = sweep.Compute(shifts, EquivarianceModels.Textures(3), new EquivarianceOptions { Tensors = ["blur"], Margin = 1 });

        tight.ErrorAt("blur", 2).Should().BeGreaterThan(0.01, "the zero padding darkens the band beside the old and the new border");
        margin.Points.Should().AllSatisfy(p => p.At("blur").Error.Should().BeLessThan(1e-6));
        margin.Points.Should().AllSatisfy(p => p.At("out").Error.Should().BeLessThan(1e-6));
        // The blur map loses one more column at each side and a row at top and bottom: (16 − 2 − 2)·14 of 256 pixels.
        margin.At("blur", 2).ComparedFraction.Should().Be(12.0 * 14 / 256);
        margin.Margin.Should().Be(1);
    }

    [Fact]
    public void Compute_SameInputsTwice_SameNumbers()
    {
        using var model = EquivarianceModels.BlurThenStride();
        var sweep = new Equivariance(model);
        var options = new EquivarianceOptions { Tensors = ["blur"] };

        var first = sweep.Compute(Transform.TranslateY(-3, 3, 1), EquivarianceModels.Textures(3), options);
        var second = sweep.Compute(Transform.TranslateY(-3, 3, 1), EquivarianceModels.Textures(3), options);

        second.ToJson().Should().Be(first.ToJson());
        second.Points.Select(p => p.At("out").Error).Should().Equal(first.Points.Select(p => p.At("out").Error));
    }

    [Fact]
    public void Constructor_Classifier_ThrowsNamingTheOutputShape()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f / 255], [0f]));

        var act = () => new Equivariance(model);

        act.Should().Throw<ArgumentException>().WithMessage("*'prob'*per-image shape [4]*");
    }

    [Fact]
    public void Compute_PhotometricTransform_Throws()
    {
        using var model = EquivarianceModels.Pointwise();

        var act = () => new Equivariance(model).Compute(Transform.Brightness(0, 20, 10), EquivarianceModels.Textures(1));

        act.Should().Throw<ArgumentException>().WithMessage("*brightness does not*");
    }

    [Fact]
    public void Compute_ShiftAcrossTheWholeMap_ThrowsNamingValueAndTensor()
    {
        using var model = EquivarianceModels.Pointwise();

        var act = () => new Equivariance(model).Compute(Transform.TranslateX(0, 16, 8), EquivarianceModels.Textures(1));

        act.Should().Throw<ArgumentException>().WithMessage("translate-x at 16 leaves no pixel of out [2×16×16] to compare*");
    }

    [Fact]
    public void Compute_BadOptions_ThrowNamingTheOption()
    {
        using var model = EquivarianceModels.Pointwise();
        var sweep = new Equivariance(model);
        var shifts = Transform.TranslateX(0, 1, 1);

        FluentActions.Invoking(() => sweep.Compute(shifts, EquivarianceModels.Textures(1), new EquivarianceOptions { Tensors = ["nope"] }))
            .Should().Throw<ArgumentException>().WithMessage("EquivarianceOptions.Tensors: 'nope'*");
        FluentActions.Invoking(() => sweep.Compute(shifts, EquivarianceModels.Textures(1), new EquivarianceOptions { Tensors = ["conv", "conv"] }))
            .Should().Throw<ArgumentException>().WithMessage("*'conv' twice*");
        FluentActions.Invoking(() => sweep.Compute(shifts, EquivarianceModels.Textures(1), new EquivarianceOptions { Margin = -1 }))
            .Should().Throw<ArgumentException>().WithMessage("EquivarianceOptions.Margin*");
        FluentActions.Invoking(() => sweep.Compute(shifts, []))
            .Should().Throw<ArgumentException>().WithParameterName("images");
    }

    [Fact]
    public void ErrorAt_ValueNotSampled_ThrowsListingTheSampledValues()
    {
        using var model = EquivarianceModels.StrideTwo();
        var curve = new Equivariance(model).Compute(Transform.TranslateX(-2, 2, 2), EquivarianceModels.Textures(1));

        FluentActions.Invoking(() => curve.ErrorAt("out", 1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*measured at -2, 0, 2 only*");
        FluentActions.Invoking(() => curve.ErrorAt("blur", 2)).Should().Throw<KeyNotFoundException>().WithMessage("*Measured: out*");
    }

    [Fact]
    public void ToJson_Curve_HasSortedKeysTensorsAndPoints()
    {
        using var model = EquivarianceModels.BlurThenStride();
        var curve = new Equivariance(model).Compute(Transform.TranslateX(-2, 2, 1), EquivarianceModels.Textures(2), new EquivarianceOptions { Tensors = ["blur"] });

        var json = curve.ToJson();

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
        root.GetProperty("transform").GetString().Should().Be("translate-x");
        root.GetProperty("tensors").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Should().Equal("out", "blur");
        root.GetProperty("tensors")[0].GetProperty("width").GetInt32().Should().Be(8);
        var last = root.GetProperty("points").EnumerateArray().Last();
        last.GetProperty("value").GetDouble().Should().Be(2);
        var outAt2 = last.GetProperty("tensors").GetProperty("out");
        outAt2.EnumerateObject().Select(p => p.Name).Should().Equal("comparedFraction", "error", "errorStd", "invarianceError", "invarianceErrorStd");
        outAt2.GetProperty("error").GetDouble().Should().BeApproximately(curve.ErrorAt("out", 2), 1e-6);
        curve.ToSnapshot().Metrics.Should().ContainKey("invarianceError.blur@-1")
            .WhoseValue.Should().BeApproximately(curve.InvarianceErrorAt("blur", -1), 1e-6);
    }

    [Fact]
    public void Render_Curve_DrawsALinePerTensorAndReadableText()
    {
        using var model = EquivarianceModels.BlurThenStride();
        var curve = new Equivariance(model).Compute(Transform.TranslateX(-4, 4, 1), EquivarianceModels.Textures(3), new EquivarianceOptions { Tensors = ["blur"] });

        var plot = EquivariancePlot.Render(curve);

        plot.Width.Should().Be(760);
        plot.Height.Should().Be(500);
        var ink = new Dictionary<string, int> { ["dark"] = 0, ["blue"] = 0, ["orange"] = 0 };
        for (var y = 0; y < plot.Height; y++)
        {
            for (var x = 0; x < plot.Width; x++)
            {
                var c = plot[x, y];
                ink["dark"] += c.R + c.G + c.B < 200 ? 1 : 0;
                // Category10's first two colours: the output and the tapped layer.
                ink["blue"] += c.B > 150 && c.R < 80 && c.G is > 90 and < 150 ? 1 : 0;
                ink["orange"] += c.R > 220 && c.G is > 100 and < 150 && c.B < 60 ? 1 : 0;
            }
        }

        ink["dark"].Should().BeGreaterThan(3000, "titles, labels, ticks and legend are drawn in dark text");
        ink["blue"].Should().BeGreaterThan(300);
        ink["orange"].Should().BeGreaterThan(300);
        FluentActions.Invoking(() => EquivariancePlot.Render(curve, 200, 100)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
