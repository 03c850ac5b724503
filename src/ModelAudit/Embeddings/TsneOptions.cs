namespace ModelAudit.Embeddings;

/// <summary>How t-SNE lays points out in 2-D. Defaults follow van der Maaten (2014) and scikit-learn / openTSNE.</summary>
public sealed record TsneOptions
{
    /// <summary>Effective number of neighbours each point attends to (default 30). Lowered to (n − 1) / 3 for small sets.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Gradient steps in all, including the exaggeration phase (default 750, as openTSNE: 250 + 500).</summary>
    public int Iterations { get; init; } = 750;

    /// <summary>Factor on the attractive forces early on, so clusters form before they settle (default 12).</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>Steps with exaggeration and momentum 0.5; momentum is 0.8 after (default 250).</summary>
    public int ExaggerationIterations { get; init; } = 250;

    /// <summary>Step size; null (default) picks max(n / exaggeration / 4, 50), as scikit-learn's "auto".</summary>
    public double? LearningRate { get; init; }

    /// <summary>Barnes–Hut accuracy (used with <see cref="TsneMethod.BarnesHut"/> only): a cell of width w at distance r is summarised when w / r &lt; theta (default 0.5).</summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>
    /// With <see cref="Method"/> null: up to this many points the repulsive forces are summed exactly, O(n²)
    /// (default 1000); above it, by FFT-accelerated interpolation.
    /// </summary>
    public int ExactThreshold { get; init; } = 1000;

    /// <summary>How to sum the repulsive forces; null (default) picks by <see cref="ExactThreshold"/>.</summary>
    public TsneMethod? Method { get; init; }

    /// <summary>Start from the first two principal components (default) or from seeded Gaussian noise.</summary>
    public TsneInitialization Initialization { get; init; } = TsneInitialization.Pca;

    /// <summary>Seed for the random start and the PCA start vector (default 0).</summary>
    public int Seed { get; init; }

    internal void Validate(int n)
    {
        Check(Perplexity > 0 && double.IsFinite(Perplexity), nameof(Perplexity), Perplexity, "must be a positive number");
        Check(Iterations >= 1, nameof(Iterations), Iterations, "must be at least 1");
        Check(ExaggerationIterations >= 0 && ExaggerationIterations <= Iterations, nameof(ExaggerationIterations), ExaggerationIterations, $"must be between 0 and Iterations ({Iterations})");
        Check(EarlyExaggeration >= 1, nameof(EarlyExaggeration), EarlyExaggeration, "must be at least 1");
        Check(LearningRate is null || LearningRate > 0, nameof(LearningRate), LearningRate, "must be positive (or null for automatic)");
        Check(Theta is > 0 and < 2, nameof(Theta), Theta, "must be in (0, 2)");
        Check(ExactThreshold >= 0, nameof(ExactThreshold), ExactThreshold, "must not be negative");
        Check(Method is null || Enum.IsDefined(Method.Value), nameof(Method), Method, "must be Exact, BarnesHut, Fft or null");
        if (n < 4)
        {
            throw new ArgumentException($"t-SNE needs at least 4 points; got {n}.");
        }
    }

    private static void Check(bool ok, string name, object? value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"TsneOptions.{name} {rule}; got {value ?? "null"}.");
        }
    }
}
