using System.Globalization;
using ModelAudit.Rise;
using ModelAudit.Targets;

namespace ModelAudit.Auditing;

/// <summary>Options of the <c>"rise"</c> map method: randomised input sampling (<see cref="RandomisedInputSampling"/>).</summary>
public sealed record RiseConfig
{
    /// <summary>
    /// Random masks per image, each one forward pass, 2 to 1,000,000. Default 500; Petsiuk et al. used 4,000 on ImageNet
    /// models. The gradients section reports each map's convergence change (how much it moved between the first half
    /// of the masks and all of them: about the share of the map that is sampling noise, which falls as 1/√masks) and
    /// asks for more masks while it is above 0.3.
    /// </summary>
    public int Masks { get; init; } = RiseOptions.Default.Masks;

    /// <summary>
    /// Cells per side of each random mask before it is upsampled, 2 to 1024 and at most the input's shorter side.
    /// Default 7, the paper's for 224² inputs; finer grids resolve smaller evidence and need more masks.
    /// </summary>
    public int Grid { get; init; } = RiseOptions.Default.Grid;

    /// <summary>Probability that a cell shows the image rather than the input's zero, strictly between 0 and 1. Default 0.5.</summary>
    public double KeepProbability { get; init; } = RiseOptions.Default.KeepProbability;

    /// <summary>Seed of the masks; every image of a run is shown the same masks. Default 0.</summary>
    public int Seed { get; init; } = RiseOptions.Default.Seed;

    /// <summary>The options these keys give, explaining <paramref name="target"/>.</summary>
    internal RiseOptions Options(Target? target) => new() { Masks = Masks, Grid = Grid, KeepProbability = KeepProbability, Seed = Seed, Target = target };

    /// <summary>How reports name the settings: <c>500 masks of 7×7 cells, each kept with probability 0.5, seed 0</c>.</summary>
    internal string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Masks} masks of {Grid}×{Grid} cells, each kept with probability {KeepProbability:0.###}, seed {Seed}");

    internal void Validate(ConfigCheck check)
    {
        check.Range("masks", Masks, 2, 1_000_000);
        check.Range("grid", Grid, 2, 1024);
        if (check.Input is { } input && Grid > Math.Min(input.Height, input.Width))
        {
            check.Fail("grid", string.Create(CultureInfo.InvariantCulture, $"is {Grid}, more cells than the input's {Math.Min(input.Height, input.Width)} pixels per side; use at most that."));
        }

        if (!(KeepProbability > 0 && KeepProbability < 1))
        {
            check.Fail("keep_probability", string.Create(CultureInfo.InvariantCulture, $"is {KeepProbability}; use a probability strictly between 0 and 1, e.g. 0.5 (at 0 or 1 every mask is the same)."));
        }
    }
}
