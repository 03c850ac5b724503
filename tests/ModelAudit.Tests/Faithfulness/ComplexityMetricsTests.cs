using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>Gini and entropy on maps whose values are known: one hot pixel, all pixels alike, signed values.</summary>
public sealed class ComplexityMetricsTests
{
    private static readonly RgbImage Image = RgbImage.Filled(8, 4, new Rgb(0, 0, 0));

    [Fact]
    public void Gini_OneHotAndUniformMaps_AreOneMinusOneOverNAndZero()
    {
        ComplexityMetrics.Gini(Map(p => p == 5 ? 3 : 0)).Should().BeApproximately(1 - (1.0 / 32), 1e-12);
        ComplexityMetrics.Gini(Map(_ => 0.7f)).Should().BeApproximately(0, 1e-12);
        ComplexityMetrics.Gini(Map(_ => 0)).Should().Be(0);
    }

    [Fact]
    public void Gini_TwoLevels_MatchesTheFormula()
    {
        // 16 pixels at 1, then 16 at 3: Σ (2k − 33)·a_k = −256 + 768 = 512, over n·Σa = 32 · 64, is 0.25.
        ComplexityMetrics.Gini(Map(p => p < 16 ? 1 : 3)).Should().BeApproximately(0.25, 1e-12);
    }

    [Fact]
    public void Entropy_UniformOneHotAndSplitMaps_AreLnNZeroAndLn2()
    {
        ComplexityMetrics.Entropy(Map(_ => 2)).Should().BeApproximately(Math.Log(32), 1e-12);
        ComplexityMetrics.NormalisedEntropy(Map(_ => 2)).Should().BeApproximately(1, 1e-12);
        ComplexityMetrics.Entropy(Map(p => p == 9 ? 1 : 0)).Should().Be(0);
        ComplexityMetrics.Entropy(Map(p => p is 0 or 31 ? 4 : 0)).Should().BeApproximately(Math.Log(2), 1e-12);
        ComplexityMetrics.Entropy(Map(_ => 0)).Should().Be(double.NaN);
    }

    [Fact]
    public void GiniAndEntropy_SignedMap_ReadMagnitudes()
    {
        var signed = Map(p => p % 2 == 0 ? -1 : 1);

        ComplexityMetrics.Entropy(signed).Should().BeApproximately(Math.Log(32), 1e-12);
        ComplexityMetrics.Gini(signed).Should().BeApproximately(0, 1e-12);
    }

    private static AttributionMap Map(Func<int, float> value) =>
        new("test", Image, "x", Enumerable.Range(0, 32).Select(value).ToArray());
}
