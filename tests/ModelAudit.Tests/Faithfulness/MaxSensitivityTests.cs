using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Tests.Occlusion;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>Max-sensitivity: the gradient of a linear model does not move under noise; a map made from the pixels does.</summary>
public sealed class MaxSensitivityTests
{
    private static readonly float[] Weights = Enumerable.Range(0, 64).Select(p => ((p * 7) % 5) - 2f).ToArray();

    [Fact]
    public void Compute_GradientOfALinearModel_IsZero()
    {
        using var model = LinearGrayModel.Create(8, 8, Weights);
        var image = RgbImage.Create(8, 8, (x, y) => new Rgb((byte)(20 * x), (byte)(20 * y), 90));

        var result = new MaxSensitivity(model).Compute([image, image], new MaxSensitivityOptions
        {
            Explainer = (m, i) => new Saliency(m).Compute(i, new SaliencyOptions { Target = 0 }),
        });

        result.PerImage.Should().Equal(0.0, 0.0);
        (result.Method, result.Samples, result.Radius).Should().Be(("saliency", 8, 0.02));
    }

    [Fact]
    public void Compute_EdgeMap_MovesWithTheNoiseAndRepeatsWithTheSeed()
    {
        using var model = LinearGrayModel.Create(8, 8, Weights);
        var image = RgbImage.Create(8, 8, (x, y) => x < 4 ? new Rgb(40, 40, 40) : new Rgb(200, 200, 200));
        var options = new MaxSensitivityOptions { Explainer = (m, i) => new EdgeBaseline(m).Compute(i), Samples = 4, Seed = 2 };

        var first = new MaxSensitivity(model).Compute([image], options);
        var second = new MaxSensitivity(model).Compute([image], options);

        // ±5 levels of noise against an edge of 160 levels: the map moves by a few percent, not by nothing.
        first.Mean.Should().BeInRange(0.005, 0.2);
        second.PerImage.Should().Equal(first.PerImage);
        new MaxSensitivity(model).Compute([image], options with { Radius = 0.1 }).Mean.Should().BeGreaterThan(first.Mean);
    }
}
