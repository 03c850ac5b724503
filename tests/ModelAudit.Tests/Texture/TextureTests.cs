using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;
using ModelAudit.Texture;

namespace ModelAudit.Tests.Texture;

/// <summary>Gram matrices worked by hand, texture statistics of the shapes model, and texture drift between fixture models.</summary>
public sealed class TextureTests(ITestOutputHelper output)
{
    private static readonly Lazy<RgbImage[]> Images = new(() => ShapeDataset.Generate(1000, 12).Select(s => s.Image).ToArray());

    [Fact]
    public void GramMatrix_TwoChannelsTwoPositions_IsFFTransposeOverPositions()
    {
        float[] activation = [1, 2, 3, 4];

        GramMatrix.Of(activation, 2).Should().Equal(2.5f, 5.5f, 5.5f, 12.5f);
    }

    [Fact]
    public void GramMatrix_PositionsPermuted_IsUnchanged()
    {
        float[] a = [1, 2, 3, 0.5f, -1, 4];
        float[] permuted = [3, 1, 2, 4, 0.5f, -1];

        GramMatrix.Of(permuted, 2).Should().Equal(GramMatrix.Of(a, 2), "a Gram matrix keeps what fires together, not where");
    }

    [Fact]
    public void Spectrum_Diagonal_IsItsEntriesLargestFirst()
    {
        GramMatrix.Spectrum([1, 0, 0, 3], 2).Should().Equal(3, 1);
        GramMatrix.RelativeDistance([1, 1], [1, 1]).Should().Be(0);
        GramMatrix.RelativeDistance([2, 0], [1, 0]).Should().Be(1);
    }

    [Fact]
    public void Compute_ShapesModel_EveryConvLayerWithASpectrumAndARank()
    {
        var result = new TextureStatistics(ShapesFixtures.Clean).Compute(Images.Value);

        output.WriteLine(result.ToString());
        result.Layers.Select(l => l.Channels).Should().Equal(16, 32, 32);
        foreach (var layer in result.Layers)
        {
            layer.Spectrum.Should().BeInDescendingOrder();
            layer.EffectiveRank.Should().BeInRange(1, layer.Channels);
            layer.Diversity.Should().BeGreaterThan(0);
            layer.Render().Width.Should().Be(layer.Channels);
        }
    }

    [Fact]
    public void Drift_SameModel_IsZeroAndPlantedFiltersMoveConv1Most()
    {
        var clean = ShapesFixtures.Clean;

        var itself = new TextureDrift(clean, clean).Compute(Images.Value);
        var defective = new TextureDrift(clean, ShapesFixtures.Defective).Compute(Images.Value);
        var shortcut = new TextureDrift(clean, ShapesFixtures.Shortcut).Compute(Images.Value);

        output.WriteLine($"itself: {itself}\ndefective: {defective}\nshortcut: {shortcut}");
        itself.MaxDistance.Should().Be(0);
        defective.Layers[0].Distance.Should().BeGreaterThan(0.1, "dead and noisy filters change which conv1 channels fire together");
        shortcut.MaxDistance.Should().BeGreaterThan(0.1, "a model trained on other data has other textures");
    }

    [Fact]
    public void Drift_LayerOfAnotherWidth_IsRefusedNamingIt()
    {
        var act = () => new TextureDrift(ShapesFixtures.Clean, ShapesFixtures.Clean).Compute(Images.Value, new TextureOptions { Layers = ["flat"] });

        act.Should().Throw<ArgumentException>().WithMessage("Layer 'flat' has shape [32] per image; Gram matrices need a [C, H, W] feature map.*");
    }
}
