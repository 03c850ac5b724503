using ModelAudit.Imaging;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>The approximate modes: off by default, and when on they measure and report their error against exact.</summary>
public sealed class ApproximateOcclusionTests
{
    private static readonly OcclusionOptions Exact = new() { Window = 8, Stride = 4 };

    [Fact]
    public void Compute_ExactOptions_ReportNoApproximation()
    {
        var map = new OcclusionSensitivity(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes[0], Exact with { Mode = OcclusionMode.Incremental });

        Exact.IsApproximate.Should().BeFalse();
        map.Approximation.Should().BeNull();
    }

    [Fact]
    public void Compute_DrillDownWithEveryCoarseWindowHot_EqualsExact()
    {
        var occlusion = new OcclusionSensitivity(ShapesFixtures.Clean);
        var image = ShapesFixtures.Probes[1];

        var drilled = occlusion.Compute(image, Exact with { DrillDown = new OcclusionDrillDown { HotFraction = 1 } });
        var exact = occlusion.Compute(image, Exact);

        drilled.Windows.Select(w => w.Probability).Should().Equal(exact.Windows.Select(w => w.Probability), (a, b) => Math.Abs(a - b) < 1e-6);
        drilled.Approximation!.MeanSsim.Should().BeApproximately(1, 1e-9);
        drilled.Approximation.MaxAbsDifference.Should().BeLessThan(1e-6);
    }

    [Fact]
    public void Compute_DrillDown_ReportsItsSsimAgainstExactOnTheSample()
    {
        var occlusion = new OcclusionSensitivity(ShapesFixtures.Clean);
        var images = ShapesFixtures.Probes.Take(3).ToArray();
        var options = Exact with { DrillDown = new OcclusionDrillDown(), ApproximationSample = 2 };

        var maps = occlusion.Compute(images, options);

        var expected = Enumerable.Range(0, 2).Select(i => OcclusionMetrics.Ssim(maps[i], occlusion.Compute(images[i], Exact))).ToArray();
        maps.Should().OnlyContain(m => m.Approximation == maps[0].Approximation);
        maps[0].Approximation!.SampledImages.Should().Be(2);
        maps[0].Approximation!.MeanSsim.Should().BeApproximately(expected.Average(), 1e-9);
        maps[0].Approximation!.MinSsim.Should().BeApproximately(expected.Min(), 1e-9);
        maps[0].Approximation!.Method.Should().Be("drill-down (coarse stride 8, hot fraction 0.25)");
        maps[0].Approximation!.MeanSsim.Should().BeGreaterThan(0.5, "the drill-down keeps the map's shape");
    }

    [Fact]
    public void Compute_SameApproximationAgain_ReusesTheMeasuredErrorWithoutExactMaps()
    {
        var occlusion = new OcclusionSensitivity(ShapesFixtures.Clean);
        var options = Exact with { DrillDown = new OcclusionDrillDown() };

        var first = occlusion.Compute(ShapesFixtures.Probes[0], options);
        var measured = occlusion.ExactReferenceMaps;
        var second = occlusion.Compute(ShapesFixtures.Probes[1], options);
        var third = occlusion.Compute([ShapesFixtures.Probes[2], ShapesFixtures.Probes[3]], options);

        measured.Should().Be(1, "the first call measures the error on its first image");
        occlusion.ExactReferenceMaps.Should().Be(1, "later calls with the same options cost only the approximation");
        second.Approximation.Should().Be(first.Approximation);
        third.Should().OnlyContain(m => m.Approximation == first.Approximation);
        occlusion.Compute(ShapesFixtures.Probes[1], options with { DrillDown = new OcclusionDrillDown { HotFraction = 0.5 } });
        occlusion.ExactReferenceMaps.Should().Be(2, "other options are measured once for themselves");
    }

    [Fact]
    public void Compute_ProjectiveFieldTruncation_ReportsItsErrorAndStaysClose()
    {
        var occlusion = new OcclusionSensitivity(ResidualTinyModel.Model) { SplitAt = "b2.out" };
        var image = ModelAudit.Imaging.ImageOps.Resize(ModelAudit.Datasets.ShapeDataset.Generate(3, 1)[0].Image, 40, 40);
        var options = new OcclusionOptions { Window = 8, Stride = 4, Mode = OcclusionMode.Incremental, ProjectiveFieldThreshold = 0.6 };

        var map = occlusion.Compute(image, options);

        map.Approximation!.Method.Should().Be("projective-field threshold 0.6");
        map.Approximation.MeanSsim.Should().BeInRange(-1, 1);
        map.Approximation.MaxAbsDifference.Should().BeGreaterThan(0, "a truncated field leaves part of each window's effect out");
    }

    [Fact]
    public void Compute_TruncationWhenNoSplitPays_StillReportsItsError()
    {
        // The tiny linear model has nothing to split: incremental mode falls back to plain occlusion, which must
        // still measure and report the approximation asked for.
        using var model = LinearGrayModel.Create(6, 6, Enumerable.Range(0, 36).Select(i => (float)((i % 7) - 3)).ToArray());
        var image = RgbImage.Create(6, 6, (x, y) => Rgb.Gray((byte)(40 * ((x + y) % 5))));
        var options = new OcclusionOptions { Window = 2, Stride = 1, Mode = OcclusionMode.Incremental, ProjectiveFieldThreshold = 0.5 };

        var map = new OcclusionSensitivity(model).Compute(image, options);

        map.Approximation.Should().NotBeNull();
        map.Approximation!.MeanSsim.Should().Be(1, "with nothing to truncate the map is exact");
    }

    [Fact]
    public void Compute_TruncationWithoutIncrementalMode_Throws()
    {
        var act = () => new OcclusionSensitivity(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes[0], Exact with { ProjectiveFieldThreshold = 0.5 });

        act.Should().Throw<ArgumentException>().WithMessage("*ProjectiveFieldThreshold 0.5*Mode = Incremental*Full*");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Compute_ThresholdOutOfRange_ThrowsNamingIt(double tau)
    {
        var act = () => new OcclusionSensitivity(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes[0], Exact with { Mode = OcclusionMode.Incremental, ProjectiveFieldThreshold = tau });

        act.Should().Throw<ArgumentException>().WithMessage("*ProjectiveFieldThreshold must be in (0, 1]*");
    }

    [Fact]
    public void Compute_CoarseStrideNotAMultiple_Throws()
    {
        var act = () => new OcclusionSensitivity(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes[0], Exact with { DrillDown = new OcclusionDrillDown { CoarseStride = 6 } });

        act.Should().Throw<ArgumentException>().WithMessage("*coarse stride 6 must be a multiple of the stride 4*");
    }
}
