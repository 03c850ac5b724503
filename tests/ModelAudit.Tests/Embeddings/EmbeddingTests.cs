using ModelAudit.Assertions;
using ModelAudit.Embeddings;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Embeddings;

public sealed class EmbeddingTests
{
    private static readonly InputSpec Gray2x2 = InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f], [0f]);

    [Fact]
    public void Of_LinearModel_ReadsTheClassifierInputAsFeatures()
    {
        // The tiny model is Flatten → Gemm, so the default layer is the flattened image: the features are the pixels.
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", Gray2x2);
        var images = Enumerable.Range(0, 8).Select(i => RgbImage.Create(2, 2, (x, y) => Rgb.Gray((byte)(i < 4 ? x + (2 * y) : 100 + i)))).ToArray();
        int[] labels = [0, 0, 0, 0, 1, 1, 1, 1];

        var embedding = new EmbeddingExtractor(model).Compute(images, labels, new EmbeddingOptions { KnnK = 3, ClassNames = ["dark", "bright"] });

        embedding.Layer.Should().Be("flat");
        embedding.Dimension.Should().Be(4);
        embedding.Features.Take(4).Should().Equal(0, 1, 2, 3);
        embedding.Features.Skip(4 * 4).Take(4).Should().Equal(104, 104, 104, 104);
        embedding.Separation.KnnAccuracy.Should().Be(1);
        embedding.Should().SeparateClasses(minSilhouette: 0.9).And.HaveKnnAccuracyAbove(0.99);
    }

    [Fact]
    public void SeparateClasses_MixedClasses_FailsWithMeasuredValues()
    {
        var (x, _) = Clusters.Gaussian(10, 2, 4, seed: 4);
        var shuffled = Enumerable.Range(0, 20).Select(i => (i / 2) % 2).ToArray();
        var embedding = Embedding.FromFeatures(x, 4, shuffled, new EmbeddingOptions { ClassNames = ["cat", "dog"], Projection = EmbeddingProjection.Pca });

        var act = () => embedding.Should().SeparateClasses(minSilhouette: 0.3);

        act.Should().Throw<Exception>().WithMessage("Expected embedding of layer features to separate its classes with a silhouette of at least 0.3, but found *(per class: cat *, dog *; cosine silhouette *, 5-NN accuracy *");
    }

    [Fact]
    public void HaveKnnAccuracyAbove_MixedClasses_ReportsAccuracyPerClass()
    {
        var (x, _) = Clusters.Gaussian(10, 2, 4, seed: 4);
        var shuffled = Enumerable.Range(0, 20).Select(i => (i / 2) % 2).ToArray();
        var embedding = Embedding.FromFeatures(x, 4, shuffled, new EmbeddingOptions { Projection = EmbeddingProjection.Pca });

        var act = () => embedding.Should().HaveKnnAccuracyAbove(0.9);

        act.Should().Throw<Exception>().WithMessage("*leave-one-out 5-NN accuracy above 0.9, but found *(per class: 0 *, 1 *");
    }

    [Fact]
    public void ToSnapshot_Clusters_HoldsMetricsAndScatter()
    {
        var (x, labels) = Clusters.Gaussian(20, 3, 6, seed: 5);
        var embedding = Embedding.FromFeatures(x, 6, labels, new EmbeddingOptions { ClassNames = ["a", "b", "c"] });

        var snapshot = embedding.ToSnapshot();

        snapshot.Metrics.Keys.Should().Contain(["silhouette", "silhouette_cosine", "knn_accuracy", "davies_bouldin", "scatter_ratio", "map_trustworthiness", "silhouette_a"]);
        snapshot.Metrics["knn_accuracy"].Should().Be(1);
        snapshot.Images["scatter"].Width.Should().Be(800);
        embedding.Map.Method.Should().Be("t-SNE");
        embedding.Map.Trustworthiness.Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void FromFeatures_ClassNamesTooShort_SaysSo()
    {
        var (x, labels) = Clusters.Gaussian(5, 3, 2, seed: 6);

        var act = () => Embedding.FromFeatures(x, 2, labels, new EmbeddingOptions { ClassNames = ["a"] });

        act.Should().Throw<ArgumentException>().WithMessage("*ClassNames has 1 names but labels go up to 2*");
    }
}
