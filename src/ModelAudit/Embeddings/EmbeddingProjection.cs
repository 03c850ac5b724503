namespace ModelAudit.Embeddings;

/// <summary>How an embedding is laid out in 2-D for its pictures.</summary>
public enum EmbeddingProjection
{
    /// <summary>t-SNE: keeps neighbourhoods, so classes show as islands (default).</summary>
    Tsne,

    /// <summary>The first two principal components: linear, fast, keeps global distances.</summary>
    Pca,
}
