using ModelAudit.Targets;

namespace ModelAudit.Rise;

/// <summary>Options for <see cref="RandomisedInputSampling"/> (RISE). Every mask is one forward pass per image.</summary>
public sealed record RiseOptions
{
    public static RiseOptions Default { get; } = new();

    /// <summary>
    /// Random masks per image, each one forward pass. Default 500; Petsiuk et al. used 4,000 on ImageNet models. The
    /// map's <c>convergence_change</c> diagnostic is how much it moved between the first half of the masks and all of
    /// them (‖Δ‖/‖map‖, means removed): about the share of the map that is sampling noise, which falls as 1/√N once it
    /// is small (on the shapes model, mean over 8 images: 0.35 at 500 masks, 0.18 at 2,000), so raising N until it is
    /// small enough is how to choose N.
    /// </summary>
    public int Masks { get; init; } = 500;

    /// <summary>Cells per side of each low-resolution mask before it is upsampled. Default 7, as in the paper for 224² inputs.</summary>
    public int Grid { get; init; } = 7;

    /// <summary>Probability that a cell is kept (shows the image). Default 0.5.</summary>
    public double KeepProbability { get; init; } = 0.5;

    /// <summary>What is explained; default each image's top-1 class.</summary>
    public Target? Target { get; init; }

    /// <summary>Seed of the masks; the same masks serve every image of a call. Default 0.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        if (Masks < 2 || Masks > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Masks), Masks, $"Masks must lie in [2, 1000000]; got {Masks}.");
        }

        if (Grid < 2 || Grid > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Grid), Grid, $"Grid must lie in [2, 1024] cells per side; got {Grid}.");
        }

        if (!(KeepProbability > 0 && KeepProbability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(KeepProbability), KeepProbability, $"KeepProbability must lie in (0, 1); got {KeepProbability}.");
        }
    }
}
