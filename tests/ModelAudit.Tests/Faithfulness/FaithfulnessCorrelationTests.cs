using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>Faithfulness correlation on a model whose score is a sum over pixels: the exact map predicts every drop.</summary>
public sealed class FaithfulnessCorrelationTests
{
    private static readonly PixelBox Region = new(1, 1, 6, 5);

    [Fact]
    public void Compute_ExactMapOfALinearScore_CorrelatesPerfectly()
    {
        using var model = RegionModel.Create(8, Region);
        var image = RegionModel.Ramp(8);
        var exact = RegionModel.Exact(image, Region);
        var options = new FaithfulnessCorrelationOptions { Fill = PerturbationFill.Zero, Target = RegionModel.Score, SubsetFraction = 0.2 };

        var result = new FaithfulnessCorrelation(model).Compute([image, image], [exact, exact], options);

        // Filling a subset with black removes exactly its pixels' shares, which the map's sum over the subset is.
        result.PerImage.Should().AllSatisfy(r => r.Should().BeApproximately(1, 1e-6));
        (result.SubsetSize, result.Subsets, result.ForwardPasses).Should().Be((13, 32, 2 * 33));
    }

    [Fact]
    public void Compute_MapAgainstTheModel_CorrelatesNegatively()
    {
        using var model = RegionModel.Create(8, Region);
        var image = RegionModel.Ramp(8);
        var reversed = new AttributionMap("reversed", image, "x", RegionModel.Exact(image, Region).Values.ToArray().Select(v => -v).ToArray());

        var result = new FaithfulnessCorrelation(model).Compute([image], [reversed], new FaithfulnessCorrelationOptions { Fill = PerturbationFill.Zero, Target = RegionModel.Score });

        result.MeanCorrelation.Should().BeApproximately(-1, 1e-6);
    }

    [Fact]
    public void Compute_ConstantMap_IsNotMeasured()
    {
        using var model = RegionModel.Create(8, Region);
        var image = RegionModel.Ramp(8);
        var flat = new AttributionMap("flat", image, "x", Enumerable.Repeat(1f, 64).ToArray());

        var result = new FaithfulnessCorrelation(model).Compute([image], [flat], new FaithfulnessCorrelationOptions { Target = RegionModel.Score });

        // Every subset has the same number of pixels, so the map's sums do not vary.
        (result.MeasuredImages, double.IsNaN(result.MeanCorrelation)).Should().Be((0, true));
    }
}
