using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Tests.Occlusion;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>Deletion and insertion curves on models whose scores can be worked out by hand.</summary>
public sealed class PerturbationCurvesTests
{
    private static readonly PixelBox Square = new(2, 3, 4, 4);

    [Fact]
    public void Compute_ExactMapOfARegionMean_CurvesEqualThePartialSums()
    {
        using var model = RegionModel.Create(8, Square);
        var image = RegionModel.Ramp(8);
        var map = RegionModel.Exact(image, Square);

        var result = new PerturbationCurves(model).Compute([image], [map], new PerturbationCurveOptions { Fill = PerturbationFill.Zero, Target = RegionModel.Score });

        // 64 pixels in 16 steps: step s removes (or restores) the top 4s pixels; black pixels contribute nothing.
        var shares = map.Values.OrderByDescending(v => v).Select(v => (double)v).ToArray();
        var clean = shares.Sum();
        var curves = result.Images[0];
        for (var s = 0; s <= 16; s++)
        {
            var top = shares.Take(4 * s).Sum();
            curves.Insertion[s].Should().BeApproximately(top, 1e-5, $"insertion step {s}");
            curves.Deletion[s].Should().BeApproximately(clean - top, 1e-5, $"deletion step {s}");
        }

        (curves.CleanScore, curves.EmptyScore).Should().Be((curves.Deletion[0], curves.Insertion[0]));
        result.Fractions.Should().HaveCount(17).And.StartWith(0.0).And.EndWith(1.0);
    }

    [Fact]
    public void Compute_MapThatRanksTheRegionFirst_ScoresPerfectInsertionAndDeletion()
    {
        var region = new PixelBox(5, 1, 2, 2);
        using var model = RegionModel.Create(8, region);
        var image = RegionModel.Ramp(8);
        var first = new AttributionMap("region-first", image, "region mean", RegionModel.Weights(8, region));
        var last = new AttributionMap("region-last", image, "region mean", RegionModel.Weights(8, region).Select(w => -w).ToArray());
        var options = new PerturbationCurveOptions { Fill = PerturbationFill.Mean, Target = RegionModel.Score };

        var good = new PerturbationCurves(model).Compute([image], [first], options);
        var bad = new PerturbationCurves(model).Compute([image], [last], options);

        // The 4 region pixels are exactly the first step's 4 pixels: the curves jump at 1/16 and stay.
        good.InsertionAuc.Should().BeApproximately(1 - (1.0 / 32), 1e-4);
        good.DeletionAuc.Should().BeApproximately(1.0 / 32, 1e-4);
        bad.InsertionAuc.Should().BeApproximately(1.0 / 32, 1e-4);
        bad.DeletionAuc.Should().BeApproximately(1 - (1.0 / 32), 1e-4);
        good.Images[0].IsMeasured.Should().BeTrue();
    }

    [Fact]
    public void Compute_ClassTarget_WatchesTheProbability()
    {
        var weights = Enumerable.Range(0, 16).Select(p => (p % 3) - 0.8f).ToArray();
        using var model = LinearGrayModel.Create(4, 4, weights);
        var image = RgbImage.Create(4, 4, (x, y) => new Rgb((byte)(60 + (40 * x)), (byte)(60 + (40 * x)), (byte)(60 + (40 * x))));
        var map = new AttributionMap("weights", image, "class 0", weights);

        var result = new PerturbationCurves(model).Compute([image], [map], new PerturbationCurveOptions { Steps = 4, Fill = PerturbationFill.Zero, Target = 0 });

        var order = Enumerable.Range(0, 16).OrderByDescending(p => weights[p]).ThenBy(p => p).ToArray();
        for (var s = 0; s <= 4; s++)
        {
            var removed = order.Take(4 * s).ToHashSet();
            var deleted = RgbImage.Create(4, 4, (x, y) => removed.Contains((y * 4) + x) ? new Rgb(0, 0, 0) : image[x, y]);
            result.Images[0].Deletion[s].Should().BeApproximately(LinearGrayModel.Probability(deleted, weights), 1e-5);
        }

        (result.Score, result.Images[0].Target).Should().Be(("probability", "class 0"));
    }

    [Fact]
    public void Compute_SeveralImages_RunsTwoInputsPerStepAndImage()
    {
        using var model = RegionModel.Create(8, Square);
        var images = new[] { RegionModel.Ramp(8), ImageOps.Adjust(RegionModel.Ramp(8), 0.5, 10), RgbImage.Filled(8, 8, new Rgb(90, 90, 90)) };
        var maps = images.Select(i => (IPixelMap)RegionModel.Exact(i, Square)).ToArray();

        var result = new PerturbationCurves(model).Compute(images, maps, new PerturbationCurveOptions { Steps = 8, Target = RegionModel.Score });

        result.ForwardPasses.Should().Be(3 * 2 * 8);
        result.Images.Should().HaveCount(3).And.OnlyContain(i => i.Deletion.Count == 9 && i.Insertion.Count == 9);
        (result.Method, result.Fill, result.FillName).Should().Be(("exact", PerturbationFill.NoisyLinear, "noisy-linear"));
    }

    [Fact]
    public void Compute_SameSeedTwice_GivesIdenticalCurves()
    {
        using var model = RegionModel.Create(8, Square);
        var image = RegionModel.Ramp(8);
        var maps = new RandomBaseline(model).Compute([image, image], seed: 4);
        var options = new PerturbationCurveOptions { Seed = 9, Target = RegionModel.Score };

        var a = new PerturbationCurves(model).Compute([image, image], maps, options);
        var b = new PerturbationCurves(model).Compute([image, image], maps, options);

        a.Images.SelectMany(i => i.Deletion.Concat(i.Insertion)).Should().Equal(b.Images.SelectMany(i => i.Deletion.Concat(i.Insertion)));
        maps[0].Values.ToArray().Should().NotEqual(maps[1].Values.ToArray(), "each image draws its own random map");
    }

    [Fact]
    public void Compute_MapOfAnotherSize_SaysWhichSizeIsNeeded()
    {
        using var model = RegionModel.Create(8, Square);
        var image = RegionModel.Ramp(8);
        var map = new AttributionMap("small", RegionModel.Ramp(4), "x", new float[16]);

        var act = () => new PerturbationCurves(model).Compute([image], [map]);

        act.Should().Throw<ArgumentException>().WithMessage("Perturbation curves: map 0 is 4x4, but maps must have the model's input size, 8x8.*");
    }
}
