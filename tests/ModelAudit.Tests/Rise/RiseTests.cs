using ModelAudit.Datasets;
using ModelAudit.Faithfulness;
using ModelAudit.Imaging;
using ModelAudit.Rise;
using ModelAudit.Targets;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Rise;

/// <summary>RISE: masks with the paper's statistics, maps that point where the fixtures' evidence is, and convergence as N grows.</summary>
public sealed class RiseTests(ITestOutputHelper output)
{
    private static readonly Lazy<ShapeSample[]> Clean = new(() => ShapeDataset.Generate(1000, 8).ToArray());

    [Fact]
    public void Masks_AreSmoothAndKeepEachPixelWithTheKeepProbability()
    {
        var masks = new RiseMasks(64, 48, 7, 0.5, 3);
        var sum = new double[64 * 48];
        var mask = new float[64 * 48];
        for (var i = 0; i < 4000; i++)
        {
            masks.Write(i, mask);
            mask.Should().OnlyContain(v => v >= 0 && v <= 1);
            for (var p = 0; p < mask.Length; p++)
            {
                sum[p] += mask[p];
            }
        }

        sum.Select(s => s / 4000).Should().OnlyContain(m => Math.Abs(m - 0.5) < 0.05, "every pixel is kept half the time on average");
        var again = new float[64 * 48];
        masks.Write(17, mask);
        new RiseMasks(64, 48, 7, 0.5, 3).Write(17, again);
        again.Should().Equal(mask, "a mask depends only on the seed and its index");
        Enumerable.Range(1, 63).Max(x => Math.Abs(mask[x] - mask[x - 1])).Should().BeLessThan(0.25f, "upsampled cells change smoothly, not pixel by pixel");
    }

    [Fact]
    public void Masks_AreTheSameInEveryProcess()
    {
        var mask = new float[16 * 16];
        var sums = Enumerable.Range(0, 4).Select(i =>
        {
            new RiseMasks(16, 16, 4, 0.5, 0).Write(i, mask);
            return Math.Round(mask.Sum(v => (double)v), 3);
        }).ToArray();

        output.WriteLine(string.Join(", ", sums.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        sums.Should().Equal([112.6, 161.0, 127.4, 158.4], "a mask is a fixed function of seed and index, not of a per-process hash seed");
    }

    [Fact]
    public void Compute_ShortcutModel_PutsTheEvidenceOnTheCornerMark()
    {
        var samples = ShapeDataset.Generate(1000, 4, new ShapeDatasetOptions { ShortcutMark = true });

        var maps = new RandomisedInputSampling(ShapesFixtures.Shortcut).Compute(samples.Select(s => s.Image).ToArray(), new RiseOptions { Masks = 1000 });

        foreach (var map in maps)
        {
            PixelMapMetrics.PeakInside(map, ShapeDataset.MarkBox, tolerance: 6).Should().BeTrue("{0} peaks at {1}", map.TargetName, map.Peak);
        }
    }

    [Fact]
    public void Compute_CleanModel_PointsAtTheObjectAndBeatsARandomMap()
    {
        var images = Clean.Value.Select(s => s.Image).ToArray();

        var maps = new RandomisedInputSampling(ShapesFixtures.Clean).Compute(images, new RiseOptions { Target = Target.Predicted });

        var hits = Clean.Value.Zip(maps).Count(p => PixelMapMetrics.PeakInside(p.Second, p.First.Box, tolerance: 2));
        output.WriteLine($"pointing game {hits}/{maps.Count}; convergence change {string.Join(", ", maps.Select(m => m.Diagnostics["convergence_change"].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
        hits.Should().BeGreaterThanOrEqualTo(6);
        var curves = new PerturbationCurves(ShapesFixtures.Clean);
        var rise = curves.Compute(images, maps);
        var random = curves.Compute(images, new RandomBaseline(ShapesFixtures.Clean).Compute(images));
        output.WriteLine($"RISE gain {rise.RelevanceGain:0.000} (insertion {rise.InsertionAuc:0.000}, deletion {rise.DeletionAuc:0.000}); random {random.RelevanceGain:0.000}");
        rise.RelevanceGain.Should().BeGreaterThan(random.RelevanceGain + 0.3);
        maps[0].Diagnostics["forward_passes"].Should().Be(501);
    }

    [Fact]
    public void Compute_MoreMasks_Converge()
    {
        var image = Clean.Value[0].Image;
        var model = new RandomisedInputSampling(ShapesFixtures.Clean);

        var few = model.Compute(image, new RiseOptions { Masks = 100 }).Diagnostics["convergence_change"];
        var many = model.Compute(image, new RiseOptions { Masks = 1600 }).Diagnostics["convergence_change"];

        output.WriteLine($"convergence change: 100 masks {few:0.000}, 1600 masks {many:0.000}");
        many.Should().BeLessThan(0.7 * few, "the map moves less between N/2 and N as N grows (0.76 at 100 masks, 0.21 at 1,600 on this image)");
    }

    [Fact]
    public void Compute_SameSeed_SameMap()
    {
        var image = Clean.Value[1].Image;

        var a = new RandomisedInputSampling(ShapesFixtures.Clean).Compute(image, new RiseOptions { Masks = 64 });
        var b = new RandomisedInputSampling(ShapesFixtures.Clean).Compute(image, new RiseOptions { Masks = 64 });

        b.Values.Should().Equal(a.Values);
    }

    [Fact]
    public void Options_OutOfRange_NameTheProperty()
    {
        var act = () => new RandomisedInputSampling(ShapesFixtures.Clean).Compute(Clean.Value[0].Image, new RiseOptions { KeepProbability = 1 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("KeepProbability must lie in (0, 1); got 1.*");
    }
}
