namespace ModelAudit.Embeddings;

/// <summary>Where t-SNE's points start.</summary>
public enum TsneInitialization
{
    /// <summary>The first two principal components, scaled to a standard deviation of 1e-4: keeps global layout.</summary>
    Pca,

    /// <summary>Seeded Gaussian noise with standard deviation 1e-4.</summary>
    Random,
}
