using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Embeddings;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Embeddings;

public sealed class EmbeddingBehaviourTests
{
    private static readonly Lazy<Embedding> PaddleLines = new(() =>
    {
        var upright = TestModels.TextLines.Select(TestModels.Line).ToArray();
        var rotated = upright.Select(TestModels.Upside).ToArray();
        return new EmbeddingExtractor(TestModels.PaddleOcr).Compute(
            [.. upright, .. rotated],
            [.. upright.Select(_ => 0), .. rotated.Select(_ => 1)],
            new EmbeddingOptions { ClassNames = ["upright", "rotated"] });
    });

    private static readonly Lazy<IReadOnlyList<ShapeSample>> HeldOut = new(() => ShapeDataset.Generate(1000, 120));

    [Fact]
    public void Of_PaddleOcr_SeparatesUprightFromRotatedLines()
    {
        var embedding = PaddleLines.Value;

        embedding.Layer.Should().Be(TestModels.PaddleOcr.Graph.PenultimateTensor);
        embedding.Dimension.Should().Be(200);
        embedding.Should().SeparateClasses(minSilhouette: 0.3).And.HaveKnnAccuracyAbove(0.9);
    }

    [Fact]
    public void Of_CleanFixture_SeparatesShapes()
    {
        var clean = Fixture("clean");

        clean.Layer.Should().Be("penultimate");
        clean.Dimension.Should().Be(64);
        clean.Should().SeparateClasses(minSilhouette: 0.3).And.HaveKnnAccuracyAbove(0.9);
    }

    [Fact]
    public void Of_UntrainedFixture_ScoresClearlyLowerAndFailsTheCleanThreshold()
    {
        var clean = Fixture("clean");
        var untrained = Fixture("untrained");

        untrained.Separation.Silhouette.Should().BeLessThan(clean.Separation.Silhouette - 0.2);
        var act = () => untrained.Should().SeparateClasses(minSilhouette: 0.3);
        act.Should().Throw<Exception>().WithMessage(
            "Expected embedding of layer penultimate to separate its classes with a silhouette of at least 0.3, but found *(per class: circle *, square *, triangle *, cross *");
    }

    private static Embedding Fixture(string name)
    {
        var path = Repo.Path("fixtures", "models", $"shapes-{name}.onnx");
        Assert.SkipUnless(File.Exists(path), $"{path} has not been generated yet.");
        using var model = AuditModel.Load(path, InputSpec.FromMeanStd(64, 64, ChannelOrder.Rgb, [0.5f], [0.5f]));
        var samples = HeldOut.Value;
        return new EmbeddingExtractor(model).Compute(
            samples.Select(s => s.Image).ToArray(),
            samples.Select(s => s.Label).ToArray(),
            new EmbeddingOptions { ClassNames = ["circle", "square", "triangle", "cross"] });
    }
}
