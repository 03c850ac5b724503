using System.Diagnostics;
using System.Globalization;
using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>
/// On the trained shapes model, with default options, every attribution method's curves beat a random map's and the
/// model-blind Sobel edges'. The tables go to the test output.
/// </summary>
/// <remarks>
/// The insertion AUC alone does not separate them under the default noisy linear fill: interpolating from a sixteenth
/// of the pixels, scattered at random, already gives back most of a shape, and interpolating from the edges gives back
/// all of it (these shapes are flat colours), so random and edge maps' insertion curves rise at once. Those losses are
/// printed; the assertions read the deletion AUC and the relevance gain, insertion − deletion.
/// </remarks>
public sealed class FaithfulnessBehaviourTests(ITestOutputHelper output)
{
    private static readonly Lazy<RgbImage[]> Images = new(() => ShapeDataset.Generate(1000, 8).Select(s => s.Image).ToArray());
    private static readonly Lazy<Dictionary<string, IReadOnlyList<IPixelMap>>> AllMaps = new(() => Maps(ShapesFixtures.Clean, Images.Value));
    private static readonly string[] Methods = ["saliency", "guided-backprop", "grad-cam", "integrated-gradients", "smoothgrad", "occlusion"];

    [Fact]
    public void PerturbationCurves_CleanModel_EveryMethodBeatsRandomAndEdgeMaps()
    {
        var curves = new PerturbationCurves(ShapesFixtures.Clean);

        var watch = Stopwatch.StartNew();
        var results = AllMaps.Value.ToDictionary(m => m.Key, m => curves.Compute(Images.Value, m.Value), StringComparer.Ordinal);
        watch.Stop();

        var (random, edges) = (results["random"], results["sobel-edges"]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"method",-22} {"insertion",9} {"deletion",9} {"gain",7} {"raw ins",8} {"raw del",8}"));
        foreach (var (name, r) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {r.InsertionAuc,9:0.000} {r.DeletionAuc,9:0.000} {r.RelevanceGain,7:0.000} {r.RawInsertionAuc,8:0.000} {r.RawDeletionAuc,8:0.000}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Count} x {random.ForwardPasses} forward passes, {watch.ElapsedMilliseconds} ms"));
        foreach (var name in Methods)
        {
            var r = results[name];
            foreach (var baseline in new[] { random, edges }.Where(b => r.InsertionAuc <= b.InsertionAuc))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"insertion: {name} {r.InsertionAuc:0.000} does not beat {baseline.Method} {baseline.InsertionAuc:0.000}"));
            }

            r.DeletionAuc.Should().BeLessThan(Math.Min(random.DeletionAuc, edges.DeletionAuc) - 0.2, name);
            r.Should().BeatBaseline(random, minMargin: 0.1).And.BeatBaseline(edges, minMargin: 0.02);
        }

        foreach (var name in new[] { "saliency", "guided-backprop", "grad-cam", "smoothgrad" })
        {
            results[name].InsertionAuc.Should().BeGreaterThan(random.InsertionAuc, name);
        }
    }

    [Fact]
    public void FaithfulnessCorrelation_CleanModel_GradientMapsPredictDropsAndRandomMapsDoNot()
    {
        var correlation = new FaithfulnessCorrelation(ShapesFixtures.Clean);

        var results = AllMaps.Value.ToDictionary(m => m.Key, m => correlation.Compute(Images.Value, m.Value), StringComparer.Ordinal);

        foreach (var (name, r) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {r.MeanCorrelation,7:0.000}"));
        }

        results["saliency"].Should().PredictScoreDrops(minCorrelation: 0.2);
        results["guided-backprop"].Should().PredictScoreDrops(minCorrelation: 0.2);
        results["random"].MeanCorrelation.Should().BeLessThan(0.05);
        results["random"].ForwardPasses.Should().Be(8 * 33);
    }

    [Fact]
    public void MaxSensitivity_CleanModel_SmoothGradMovesLessThanSaliency()
    {
        var sensitivity = new MaxSensitivity(ShapesFixtures.Clean);
        var images = Images.Value.Take(4).ToArray();

        var saliency = sensitivity.Compute(images, new MaxSensitivityOptions { Explainer = (m, i) => new Saliency(m).Compute(i) });
        var smooth = sensitivity.Compute(images, new MaxSensitivityOptions { Explainer = (m, i) => new SmoothGrad(m).Compute(i) });

        output.WriteLine(saliency.ToString());
        output.WriteLine(smooth.ToString());
        smooth.Mean.Should().BeLessThan(saliency.Mean);
        smooth.Should().BeRobustToNoise(maxSensitivity: 0.5);
    }

    [Fact]
    public void PerturbationCurves_SameOptionsTwice_GiveIdenticalNumbers()
    {
        var curves = new PerturbationCurves(ShapesFixtures.Clean);
        var maps = AllMaps.Value["saliency"];

        var a = curves.Compute(Images.Value, maps, new PerturbationCurveOptions { Seed = 3 });
        var b = curves.Compute(Images.Value, maps, new PerturbationCurveOptions { Seed = 3 });
        var c = curves.Compute(Images.Value, maps, new PerturbationCurveOptions { Seed = 4 });

        b.ToSnapshot().Metrics.Should().Equal(a.ToSnapshot().Metrics);
        c.RawDeletionAuc.Should().NotBe(a.RawDeletionAuc, "the noise of the fill follows the seed");
        a.ForwardPasses.Should().Be(8 * 2 * 16, "each image runs clean once, fully filled once, and 15 steps inside each curve");
    }

    private static Dictionary<string, IReadOnlyList<IPixelMap>> Maps(AuditModel model, RgbImage[] images) => new(StringComparer.Ordinal)
    {
        ["saliency"] = new Saliency(model).Compute(images),
        ["guided-backprop"] = new Saliency(model).Compute(images, new SaliencyOptions { Method = SaliencyMethod.GuidedBackprop }),
        ["deconvnet"] = new Saliency(model).Compute(images, new SaliencyOptions { Method = SaliencyMethod.Deconvnet }),
        ["grad-cam"] = new GradCam(model).Compute(images),
        ["integrated-gradients"] = images.Select(i => new IntegratedGradients(model).Compute(i)).ToArray(),
        ["smoothgrad"] = images.Select(i => new SmoothGrad(model).Compute(i)).ToArray(),
        ["occlusion"] = new OcclusionSensitivity(model).Compute(images),
        ["random"] = new RandomBaseline(model).Compute(images, seed: 1),
        ["sobel-edges"] = images.Select(i => new EdgeBaseline(model).Compute(i)).ToArray(),
    };
}
