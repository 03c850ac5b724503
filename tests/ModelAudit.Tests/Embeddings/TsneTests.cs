using ModelAudit.Embeddings;

namespace ModelAudit.Tests.Embeddings;

public sealed class TsneTests
{
    [Theory]
    [InlineData(1000)]
    [InlineData(0)]
    public void Embed_SeparatedGaussianClusters_KeepsClustersApartAndNeighboursTrue(int exactThreshold)
    {
        var (x, labels) = Clusters.Gaussian(40, 3, 10, seed: 1);

        var map = Tsne.Embed(x, 10, new TsneOptions { ExactThreshold = exactThreshold });

        map.Method.Should().Be(exactThreshold == 0 ? TsneMethod.Fft : TsneMethod.Exact);
        map.Points.Should().OnlyContain(v => float.IsFinite(v));
        SeparationMetrics.KnnAccuracy(map.Points, 2, labels, 5).Should().Be(1.0, "the clusters must not mix in the map");
        SeparationMetrics.Silhouette(map.Points, 2, labels).Should().BeGreaterThan(0.7);
        SeparationMetrics.Trustworthiness(x, 10, map.Points, 2, 5).Should().BeGreaterThan(0.85);
        map.KlDivergence.Should().BeInRange(0, 2);
    }

    [Theory]
    [InlineData(1000, TsneInitialization.Pca)]
    [InlineData(0, TsneInitialization.Random)]
    public void Embed_SameSeedTwice_IsBitIdentical(int exactThreshold, TsneInitialization init)
    {
        var (x, _) = Clusters.Gaussian(30, 3, 8, seed: 2);
        var options = new TsneOptions { ExactThreshold = exactThreshold, Initialization = init, Seed = 11, Iterations = 300 };

        var first = Tsne.Embed(x, 8, options);
        var second = Tsne.Embed(x, 8, options);

        first.Points.Select(BitConverter.SingleToInt32Bits).Should().Equal(second.Points.Select(BitConverter.SingleToInt32Bits));
        BitConverter.DoubleToInt64Bits(first.KlDivergence).Should().Be(BitConverter.DoubleToInt64Bits(second.KlDivergence));
    }

    [Fact]
    public void Embed_SmallSet_LowersPerplexityAndPicksAutomaticRate()
    {
        var (x, _) = Clusters.Gaussian(4, 3, 5, seed: 3);

        var map = Tsne.Embed(x, 5);

        map.Perplexity.Should().BeApproximately(11 / 3.0, 1e-12);
        map.LearningRate.Should().Be(50);
    }

    [Fact]
    public void Embed_BadOption_NamesTheValue()
    {
        var (x, _) = Clusters.Gaussian(4, 3, 5, seed: 3);

        var act = () => Tsne.Embed(x, 5, new TsneOptions { Theta = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Theta*got 0*");
    }
}
