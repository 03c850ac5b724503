namespace ModelAudit.Embeddings;

/// <summary>What to extract from a model and how to measure and map it.</summary>
public sealed record EmbeddingOptions
{
    /// <summary>The tensor whose values are the features; null (default) takes the input of the final classifier layer.</summary>
    public string? Layer { get; init; }

    /// <summary>Names for labels 0, 1, …; null (default) names them by number. Used in legends and messages.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Neighbours voting in the leave-one-out k-NN accuracy (default 5).</summary>
    public int KnnK { get; init; } = 5;

    /// <summary>Neighbourhood size for the map's trustworthiness (default 10; lowered below n / 2 for small sets).</summary>
    public int TrustworthinessK { get; init; } = 10;

    /// <summary>The 2-D layout for the pictures (default t-SNE).</summary>
    public EmbeddingProjection Projection { get; init; } = EmbeddingProjection.Tsne;

    /// <summary>t-SNE settings when <see cref="Projection"/> is t-SNE.</summary>
    public TsneOptions Tsne { get; init; } = new();

    internal void Validate(int n, int classes)
    {
        if (n < 4)
        {
            throw new ArgumentException($"An embedding needs at least 4 images; got {n}.");
        }

        if (KnnK < 1 || KnnK >= n)
        {
            throw new ArgumentException($"EmbeddingOptions.KnnK must be between 1 and {n - 1} (images − 1); got {KnnK}.");
        }

        if (TrustworthinessK < 1)
        {
            throw new ArgumentException($"EmbeddingOptions.TrustworthinessK must be at least 1; got {TrustworthinessK}.");
        }

        if (ClassNames is not null && ClassNames.Count < classes)
        {
            throw new ArgumentException($"EmbeddingOptions.ClassNames has {ClassNames.Count} names but labels go up to {classes - 1}.");
        }
    }
}
