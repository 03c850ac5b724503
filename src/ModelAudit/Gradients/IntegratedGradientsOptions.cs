using ModelAudit.Targets;
using ModelAudit.Imaging;

namespace ModelAudit.Gradients;

/// <summary>Options for <see cref="IntegratedGradients"/>.</summary>
public sealed record IntegratedGradientsOptions
{
    /// <summary>Points on the straight path from the baseline to the image (midpoint rule). Default 32; 1..1024.</summary>
    public int Steps { get; init; } = 32;

    /// <summary>The reference image. Default null: black, resized to the model's input.</summary>
    public RgbImage? Baseline { get; init; }

    /// <summary>What is explained: a class (<c>Target = 3</c>), a dense, sequence or custom target. Default null: each image's top-1 class.</summary>
    public Target? Target { get; init; }

    internal void Validate()
    {
        if (Steps is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must be between 1 and 1024.");
        }
    }
}
