using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>Hedström et al.'s eMPRT: saliency grows more complex on a random network; Sobel edges do not change at all.</summary>
public sealed class EfficientRandomisationCheckTests(ITestOutputHelper output)
{
    private static readonly Lazy<ModelAudit.Imaging.RgbImage[]> Images = new(() => ShapeDataset.Generate(1000, 4).Select(s => s.Image).ToArray());

    [Fact]
    public void Compute_Saliency_EntropyRises()
    {
        var result = new EfficientRandomisationCheck(ShapesFixtures.Clean).Compute(Images.Value, new RandomisationCheckOptions
        {
            Explainer = (m, image) => new Saliency(m).Compute(image),
        });

        output.WriteLine(result.ToString());
        result.ComplexityRises.Should().BeTrue();
        result.Should().BecomeMoreComplexWhenWeightsAreRandomised(minRise: 1.02);
        (result.RandomisedLayers, result.ImageCount).Should().Be((5, 4));
    }

    [Fact]
    public void Compute_EdgeDetector_EntropyStaysAndTheAssertionSaysSo()
    {
        var result = new EfficientRandomisationCheck(ShapesFixtures.Clean).Compute(Images.Value, new RandomisationCheckOptions
        {
            Explainer = (m, image) => new EdgeBaseline(m).Compute(image),
        });

        (result.ComplexityRise, result.RankCorrelation, result.ComplexityRises).Should().Be((1.0, 1.0, false));
        var act = () => result.Should().BecomeMoreComplexWhenWeightsAreRandomised();
        act.Should().Throw<Exception>().WithMessage(
            "Expected explanation by sobel-edges to become more complex when the model's weights are randomised (entropy rise > ×1.00), but found a rise of ×1.000 (sobel-edges on 4 image(s), 5 layer(s) randomised: entropy ×1.000*rank correlation 1.00).");
    }

    [Fact]
    public void Compute_SameSeed_RandomisesAsTheCascadesLastStage()
    {
        var options = new RandomisationCheckOptions { Explainer = (m, image) => new Saliency(m).Compute(image), Seed = 5 };

        var efficient = new EfficientRandomisationCheck(ShapesFixtures.Clean).Compute(Images.Value, options);
        var cascade = new RandomisationCheck(ShapesFixtures.Clean).Compute(Images.Value, options);

        efficient.RankCorrelation.Should().Be(cascade.FullyRandomised.RankCorrelation);
    }
}
