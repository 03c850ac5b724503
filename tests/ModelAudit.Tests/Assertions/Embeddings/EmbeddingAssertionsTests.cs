using ModelAudit.Assertions;
using ModelAudit.Embeddings;

namespace ModelAudit.Tests.Assertions.Embeddings;

public sealed class EmbeddingAssertionsTests
{
    [Fact]
    public void Should_NullEmbedding_FailsClearly()
    {
        Embedding? embedding = null;

        var act = () => embedding!.Should().SeparateClasses(minSilhouette: 0.3);

        act.Should().Throw<Exception>().WithMessage("Expected embedding to separate its classes with a silhouette of at least 0.3, but found <null>.");
    }

    [Fact]
    public void Assertions_ThresholdOutOfRange_Throw()
    {
        Embedding? embedding = null;

        FluentActions.Invoking(() => embedding!.Should().SeparateClasses(minSilhouette: 1.2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minSilhouette");
        FluentActions.Invoking(() => embedding!.Should().HaveKnnAccuracyAbove(-0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minAccuracy");
    }
}
