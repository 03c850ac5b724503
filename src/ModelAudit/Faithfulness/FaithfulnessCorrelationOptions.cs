using ModelAudit.Targets;

namespace ModelAudit.Faithfulness;

/// <summary>Options for <see cref="FaithfulnessCorrelation"/>. Checked when used.</summary>
public sealed record FaithfulnessCorrelationOptions
{
    /// <summary>The shared default options.</summary>
    public static FaithfulnessCorrelationOptions Default { get; } = new();

    /// <summary>
    /// Random pixel subsets per image, each one forward pass. Default 32, 3..4096 (Quantus draws 100; 32 keeps the
    /// correlation's standard error near 0.15 at a third of the cost).
    /// </summary>
    public int Subsets { get; init; } = 32;

    /// <summary>
    /// The share of the image's pixels in each subset, in (0, 1). Default 0.05: 205 pixels of 64×64, 2,509 of 224×224
    /// (Quantus' 224 pixels are 0.45% of 224×224, too few to move a small image's score measurably).
    /// </summary>
    public double SubsetFraction { get; init; } = 0.05;

    /// <summary>What the subset's pixels show. Default <see cref="PerturbationFill.Mean"/>, the image's mean colour.</summary>
    public PerturbationFill Fill { get; init; } = PerturbationFill.Mean;

    /// <summary>What is watched; as <see cref="PerturbationCurveOptions.Target"/>. Default null: each image's top-1 class, by its probability.</summary>
    public Target? Target { get; init; }

    /// <summary>Seed of the subsets (and of the noisy linear fill's noise). Default 0.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        if (Subsets is < 3 or > 4096)
        {
            throw new ArgumentException($"Invalid faithfulness correlation options: {nameof(Subsets)} is {Subsets}; it must lie in 3..4096 (a correlation needs at least 3 points; each costs a forward pass per image).", nameof(Subsets));
        }

        if (!(SubsetFraction > 0 && SubsetFraction < 1))
        {
            throw new ArgumentException($"Invalid faithfulness correlation options: {nameof(SubsetFraction)} is {SubsetFraction}; it must lie in (0, 1), a share of the image's pixels.", nameof(SubsetFraction));
        }

        if (!Enum.IsDefined(Fill))
        {
            throw new ArgumentException($"Invalid faithfulness correlation options: {nameof(Fill)} {(int)Fill} is not a {nameof(PerturbationFill)}.", nameof(Fill));
        }
    }
}
