using ModelAudit.Faithfulness;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>The curve plot and the snapshot read the result only.</summary>
public sealed class PerturbationCurvePlotTests
{
    private static readonly PerturbationCurveResult Result = new("saliency", PerturbationFill.NoisyLinear, "probability",
    [
        new ImageCurves("class 0", 0.9, 0.2, [0.9, 0.4, 0.3, 0.2, 0.2], [0.2, 0.7, 0.8, 0.9, 0.9]),
        new ImageCurves("class 2", 1.0, 0.3, [1.0, 0.8, 0.5, 0.3, 0.3], [0.3, 0.5, 0.9, 1.0, 1.0]),
    ], 16);

    [Fact]
    public void Render_TwoImages_DrawsTwoPanelsSideBySide()
    {
        var picture = PerturbationCurvePlot.Render(Result);

        // Two 440×360 panels, with the grid's 4-pixel gaps around and between them.
        (picture.Width, picture.Height).Should().Be((892, 368));
        picture.Tiles.Should().NotBeNull();
        if (Environment.GetEnvironmentVariable("MODELAUDIT_PLOT_DIR") is { } dir)
        {
            ImageCodec.SavePng(picture, Path.Combine(dir, "perturbation-curves.png"));
        }
    }

    [Fact]
    public void ToSnapshot_TwoImages_HasTheAreasAndTheMeanCurves()
    {
        var snapshot = Result.ToSnapshot();

        snapshot.Metrics.Keys.Should().BeInAscendingOrder(StringComparer.Ordinal)
            .And.Contain(["insertion_auc", "deletion_auc", "relevance_gain", "forward_passes", "deletion_000", "insertion_004"]);
        snapshot.Metrics["deletion_001"].Should().BeApproximately(0.6, 1e-12);
        snapshot.Images.Keys.Should().Equal("curves");
        Result.Fractions.Should().Equal(0, 0.25, 0.5, 0.75, 1);
        Result.ToString().Should().StartWith("saliency on 2 image(s), noisy-linear fill, probability: insertion AUC");
    }
}
