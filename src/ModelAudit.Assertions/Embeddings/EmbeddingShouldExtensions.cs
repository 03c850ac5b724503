using ModelAudit.Embeddings;

namespace ModelAudit.Assertions.Embeddings;

public static class EmbeddingShouldExtensions
{
    public static EmbeddingAssertions Should(this Embedding embedding) => new(embedding);
}
