using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients;

/// <summary>Adebayo et al.'s cascading randomisation: gradients pass, a model-blind edge detector fails.</summary>
public sealed class RandomisationCheckTests
{
    private static readonly Lazy<ModelAudit.Imaging.RgbImage[]> Images = new(() => ShapeDataset.Generate(1000, 2).Select(s => s.Image).ToArray());

    [Fact]
    public void Compute_Saliency_MapsChangeLayerByLayer()
    {
        var result = new RandomisationCheck(ShapesFixtures.Clean).Compute(Images.Value, new RandomisationCheckOptions
        {
            Explainer = (m, image) => new Saliency(m).Compute(image),
        });

        result.Stages.Select(s => s.Layer).Should().Equal("fc2", "fc1", "conv3", "conv2", "conv1");
        result.Should().ChangeWhenWeightsAreRandomised(maxRankCorrelation: 0.6);
        result.FullyRandomised.Ssim.Should().BeLessThan(0.6);
    }

    [Fact]
    public void Compute_OcclusionMaps_ChangeWhenWeightsAreRandomised()
    {
        var result = new RandomisationCheck(ShapesFixtures.Clean).Compute(Images.Value, new RandomisationCheckOptions
        {
            Explainer = (m, image) => new OcclusionSensitivity(m).Compute(image),
        });

        result.Method.Should().Be("occlusion");
        result.Should().ChangeWhenWeightsAreRandomised(maxRankCorrelation: 0.6);
    }

    [Fact]
    public void Compute_EdgeDetector_FailsBecauseItIgnoresTheModel()
    {
        var result = new RandomisationCheck(ShapesFixtures.Clean).Compute(Images.Value, new RandomisationCheckOptions
        {
            Explainer = (m, image) => new EdgeBaseline(m).Compute(image),
        });

        result.Stages.Should().OnlyContain(s => s.RankCorrelation == 1 && s.Ssim > 0.999);
        var act = () => result.Should().ChangeWhenWeightsAreRandomised();
        act.Should().Throw<Exception>().WithMessage("*explanation by sobel-edges*but found it still correlates 1.00 with all layers randomised (SSIM 1.00 over 2 image(s); stages: fc2: rank 1.00*");
    }
}
