using ModelAudit.Targets;

namespace ModelAudit.Faithfulness;

/// <summary>Options for <see cref="PerturbationCurves"/>. Checked when used.</summary>
public sealed record PerturbationCurveOptions
{
    /// <summary>The shared default options.</summary>
    public static PerturbationCurveOptions Default { get; } = new();

    /// <summary>
    /// Points on each curve after the first: the curves are measured at 0, 1/Steps, 2/Steps, …, 1 of the pixels.
    /// Default 16, 2..256. Each image costs 2 × Steps forward passes (the clean and the fully filled image are shared
    /// by both curves).
    /// </summary>
    public int Steps { get; init; } = 16;

    /// <summary>What removed pixels show. Default <see cref="PerturbationFill.NoisyLinear"/> (ROAD).</summary>
    public PerturbationFill Fill { get; init; } = PerturbationFill.NoisyLinear;

    /// <summary>
    /// What is watched: a class (<c>Target = 3</c>), each image's labelled class (<see cref="Target.Label"/>, with labelled
    /// images), or a dense, sequence, detection or custom target. Default null: each image's top-1 class on the clean
    /// image. Class targets are watched through their probability, other targets through their own score.
    /// </summary>
    public Target? Target { get; init; }

    /// <summary>Seed of the noisy linear fill's noise. Default 0.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        if (Steps is < 2 or > 256)
        {
            throw new ArgumentException($"Invalid perturbation curve options: {nameof(Steps)} is {Steps}; it must lie in 2..256 (each step costs two forward passes per image).", nameof(Steps));
        }

        if (!Enum.IsDefined(Fill))
        {
            throw new ArgumentException($"Invalid perturbation curve options: {nameof(Fill)} {(int)Fill} is not a {nameof(PerturbationFill)}.", nameof(Fill));
        }
    }
}
