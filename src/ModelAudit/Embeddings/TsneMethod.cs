namespace ModelAudit.Embeddings;

/// <summary>How t-SNE sums the repulsive forces between all pairs of map points.</summary>
public enum TsneMethod
{
    /// <summary>Every pair, O(n²) per step: exact, for small sets.</summary>
    Exact,

    /// <summary>Barnes–Hut quadtree (van der Maaten 2014), O(n log n) per step.</summary>
    BarnesHut,

    /// <summary>FFT-accelerated interpolation on a grid (Linderman et al. 2019, FIt-SNE), about O(n) per step.</summary>
    Fft,
}
