using ModelAudit.Assertions;
using ModelAudit.Faithfulness;

namespace ModelAudit.Tests.Assertions.Faithfulness;

/// <summary>Messages of the faithfulness correlation, max-sensitivity and eMPRT assertions.</summary>
public sealed class FaithfulnessAssertionsTests
{
    [Fact]
    public void PredictScoreDrops_LowCorrelation_ReportsEveryImage()
    {
        var result = new FaithfulnessCorrelationResult("saliency", PerturbationFill.Mean, "probability", [0.1, double.NaN, 0.2], 32, 205, 99);

        var act = () => result.Should().PredictScoreDrops(minCorrelation: 0.3);

        result.MeanCorrelation.Should().BeApproximately(0.15, 1e-12);
        act.Should().Throw<Exception>().WithMessage(
            "Expected explanation by saliency to predict the score drops of filled pixel subsets (mean correlation >= 0.30), but found a mean correlation of 0.150 " +
            "(saliency on 3 image(s): faithfulness correlation 0.150 (mean over 2 measured; 32 subsets of 205 pixels, mean fill, probability; per image 0.10, NaN, 0.20; 99 forward passes)).");
    }

    [Fact]
    public void BeRobustToNoise_SensitiveMaps_ReportsTheWorst()
    {
        var result = new MaxSensitivityResult("saliency", [0.4, 0.9], 8, 0.02);

        var act = () => result.Should().BeRobustToNoise(maxSensitivity: 0.5);

        act.Should().Throw<Exception>().WithMessage(
            "Expected explanation by saliency to stay put under small noise (mean max-sensitivity <= 0.50), but found a mean max-sensitivity of 0.650 (saliency on 2 image(s): max-sensitivity 0.650 mean, 0.900 worst (8 samples of ±5.1 levels; per image 0.40, 0.90)).");
    }

    [Fact]
    public void BecomeMoreComplexWhenWeightsAreRandomised_EntropyRises_Passes()
    {
        var result = new EfficientRandomisationCheckResult("saliency", [4, 5], [6, 5.5], [0.2, 0.4], 3);

        result.Should().BecomeMoreComplexWhenWeightsAreRandomised(minRise: 1.2);
        result.ComplexityRise.Should().BeApproximately((1.5 + 1.1) / 2, 1e-12);
        result.RankCorrelation.Should().BeApproximately(0.3, 1e-12);
    }
}
