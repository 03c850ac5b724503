namespace ModelAudit.Texture;

/// <summary>Options for <see cref="StyleReconstruction"/> and <see cref="ContentReconstruction"/>.</summary>
public sealed record ReconstructionOptions
{
    /// <summary>Layers (conv node or tensor names) whose statistics are matched; required.</summary>
    public required IReadOnlyList<string> Layers { get; init; }

    /// <summary>Descent steps, each two forward and one backward pass per layer. Default 200.</summary>
    public int Steps { get; init; } = 200;

    /// <summary>
    /// Step size, as a share of each channel's value range per unit-RMS gradient, decayed to zero on a cosine. Default 0.02.
    /// </summary>
    public double StepSize { get; init; } = 0.02;

    /// <summary>Seed of the starting noise. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Coarse-to-fine levels: with L above 1 the steps are split in L equal shares, the first moving the image in
    /// blocks of 2^(L − 1) pixels from block-wise noise, each later one in blocks half as wide, the last pixel by pixel.
    /// Large structures settle before fine ones, and the result has less pixel noise. Default 1: pixel by pixel
    /// throughout. Costs nothing extra.
    /// </summary>
    public int Levels { get; init; } = 1;

    internal void Validate()
    {
        if (Layers is null || Layers.Count == 0)
        {
            throw new ArgumentException("Layers must name at least one layer whose statistics the image is made to match.", nameof(Layers));
        }

        if (Steps < 1 || Steps > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"Steps must lie in [1, 100000]; got {Steps}.");
        }

        if (Levels < 1 || Levels > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(Levels), Levels, $"Levels must lie in [1, 8]; got {Levels}.");
        }

        if (!(StepSize > 0 && StepSize <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(StepSize), StepSize, $"StepSize must lie in (0, 1]; got {StepSize}.");
        }
    }
}
