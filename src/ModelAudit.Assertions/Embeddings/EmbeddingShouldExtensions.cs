using ModelAudit.Assertions.Embeddings;
using ModelAudit.Embeddings;

namespace ModelAudit.Assertions;

public static class EmbeddingShouldExtensions
{
    public static EmbeddingAssertions Should(this Embedding embedding) => new(embedding);
}
