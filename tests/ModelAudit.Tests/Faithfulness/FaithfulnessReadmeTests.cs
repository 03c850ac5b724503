using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>The example of src/ModelAudit/Faithfulness/README.md, which is copied from here, so it compiles and runs.</summary>
public sealed class FaithfulnessReadmeTests
{
    [Fact]
    public void ReadmeExample_CleanModel_PassesItsAssertions()
    {
        var model = ShapesFixtures.Clean;
        var images = ShapeDataset.Generate(1000, 4).Select(s => s.Image).ToArray();
        var dir = Directory.CreateTempSubdirectory("modelaudit-readme").FullName;

        // --- README ---
        var maps = new Saliency(model).Compute(images);
        var randomMaps = new RandomBaseline(model).Compute(images, seed: 1);

        var curves = new PerturbationCurves(model).Compute(images, maps);
        var chance = new PerturbationCurves(model).Compute(images, randomMaps);
        curves.Should().BeFaithful(minInsertionAuc: 0.6, maxDeletionAuc: 0.4)
            .And.BeatBaseline(chance, minMargin: 0.1);
        ImageCodec.SavePng(PerturbationCurvePlot.Render(curves), Path.Combine(dir, "curves.png"));

        var correlation = new FaithfulnessCorrelation(model).Compute(images, maps);
        correlation.Should().PredictScoreDrops(minCorrelation: 0.1);

        var sparseness = ComplexityMetrics.Gini(maps[0]);        // 0 = spread evenly, 1 − 1/n = one pixel
        var entropy = ComplexityMetrics.Entropy(maps[0]);        // nats; ln n = spread evenly

        var sensitivity = new MaxSensitivity(model).Compute(images, new MaxSensitivityOptions
        {
            Explainer = (m, img) => new SmoothGrad(m).Compute(img),
        });
        sensitivity.Should().BeRobustToNoise(maxSensitivity: 0.5);

        var emprt = new EfficientRandomisationCheck(model).Compute(images, new RandomisationCheckOptions
        {
            Explainer = (m, img) => new Saliency(m).Compute(img),
        });
        emprt.Should().BecomeMoreComplexWhenWeightsAreRandomised();
        // --- end ---

        sparseness.Should().BeInRange(0, 1);
        entropy.Should().BeInRange(0, Math.Log(64 * 64));
        File.Exists(Path.Combine(dir, "curves.png")).Should().BeTrue();
        Directory.Delete(dir, recursive: true);
    }
}
