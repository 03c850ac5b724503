using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Fixtures;

/// <summary>
/// shapes-texture answers from the objects' textures, as fixtures/README.md says: right when each object wears its
/// class's texture, at chance on solid objects, and with another class's texture it names that class — where the clean
/// model, on the same images, names the shape.
/// </summary>
public sealed class TextureModelTests
{
    private const int HeldOutSeed = 1000;
    private const int Count = 200;

    private static readonly Lazy<IReadOnlyList<ShapeSample>> Solid = new(() => ShapeDataset.Generate(HeldOutSeed, Count));

    [Fact]
    public void Predict_ClassTexture_NamesTheClass()
    {
        var samples = Textured(0);

        var correct = Top1(ShapesFixtures.Texture, samples).Where((k, i) => k == samples[i].Label).Count();

        correct.Should().BeGreaterThanOrEqualTo(Count * 95 / 100, $"with each object in its class's texture, {correct} of {Count} held-out images (seed {HeldOutSeed}) were named right");
    }

    [Fact]
    public void Predict_SolidObjects_IsNoBetterThanChance()
    {
        var samples = Solid.Value;

        var correct = Top1(ShapesFixtures.Texture, samples).Where((k, i) => k == samples[i].Label).Count();

        correct.Should().BeLessThanOrEqualTo(Count / 2, $"the model never learnt the shapes, yet named {correct} of {Count} solid objects right");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Predict_AnotherClassTexture_FollowsTheTexture(int offset)
    {
        var samples = Textured(offset);

        var predicted = Top1(ShapesFixtures.Texture, samples);

        var (texture, shape) = Followed(predicted, samples, offset);
        texture.Should().BeGreaterThanOrEqualTo(Count * 90 / 100,
            $"with each object in the texture of the class {offset} on, the prediction followed the texture on {texture} of {Count} images and the shape on {shape}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Predict_CleanModelAnotherClassTexture_FollowsTheShape(int offset)
    {
        var samples = Textured(offset);

        var predicted = Top1(ShapesFixtures.Clean, samples);

        var (texture, shape) = Followed(predicted, samples, offset);
        shape.Should().BeGreaterThanOrEqualTo(Count * 70 / 100,
            $"the clean model reads the outline: with each object in the texture of the class {offset} on, it named the shape on {shape} of {Count} images and the texture on {texture}");
    }

    private static IReadOnlyList<ShapeSample> Textured(int offset) =>
        ShapeDataset.Generate(HeldOutSeed, Count, new ShapeDatasetOptions { ObjectFill = ObjectFill.PerClassTexture, TextureClassOffset = offset });

    private static (int Texture, int Shape) Followed(int[] predicted, IReadOnlyList<ShapeSample> samples, int offset) => (
        predicted.Where((k, i) => k == (samples[i].Label + offset) % 4).Count(),
        predicted.Where((k, i) => k == samples[i].Label).Count());

    private static int[] Top1(AuditModel model, IEnumerable<ShapeSample> samples) => [.. model.Predict([.. samples.Select(s => s.Image)]).Select(p => p.Top1)];
}
