using ModelAudit.Targets;

namespace ModelAudit.Gradients;

/// <summary>Options for <see cref="SmoothGrad"/>.</summary>
public sealed record SmoothGradOptions
{
    /// <summary>Noisy copies averaged. Default 25; 1..1024.</summary>
    public int Samples { get; init; } = 25;

    /// <summary>Noise standard deviation as a fraction of the input tensor's value range. Default 0.15 (Smilkov et al.: 10–20%).</summary>
    public double NoiseLevel { get; init; } = 0.15;

    /// <summary>Seed of the noise. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>The gradient averaged. Default <see cref="SaliencyMethod.Plain"/>.</summary>
    public SaliencyMethod Method { get; init; } = SaliencyMethod.Plain;

    /// <summary>What is explained: a class (<c>Target = 3</c>), a dense, sequence or custom target. Default null: each image's top-1 class.</summary>
    public Target? Target { get; init; }

    internal void Validate()
    {
        if (Samples is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "Samples must be between 1 and 1024.");
        }

        if (!(NoiseLevel >= 0 && NoiseLevel <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseLevel), NoiseLevel, "NoiseLevel must be between 0 and 1.");
        }

        SaliencyMethodRules.Check(Method, nameof(Method));
    }
}
