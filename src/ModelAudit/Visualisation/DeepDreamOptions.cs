namespace ModelAudit.Visualisation;

/// <summary>Options for <see cref="DeepDream"/>.</summary>
public sealed record DeepDreamOptions
{
    /// <summary>Required: the layer dreamt on, a tensor or Conv node name (<c>modelaudit inspect</c> lists them).</summary>
    public required string Layer { get; init; }

    /// <summary>Gradient ascent steps per octave. Default 40.</summary>
    public int Steps { get; init; } = 40;

    /// <summary>Step length per unit-RMS gradient, as a fraction of each channel's value range. Default 0.01.</summary>
    public double StepSize { get; init; } = 0.01;

    /// <summary>
    /// Coarse-to-fine passes. The model's input size is fixed, so instead of resizing the image each octave blurs the
    /// gradient with σ = <see cref="OctaveScale"/>^(octaves left) − 1 pixels: early octaves paint large structure, the
    /// last adds detail. Default 1 (plain ascent).
    /// </summary>
    public int Octaves { get; init; } = 1;

    /// <summary>Scale between octaves. Default 1.5.</summary>
    public double OctaveScale { get; init; } = 1.5;

    /// <summary>Largest random shift, in pixels, before each gradient. Default 2; 0 turns it off.</summary>
    public int Jitter { get; init; } = 2;

    /// <summary>Seed of the jitter. Default 0.</summary>
    public int Seed { get; init; }

    internal AscentSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(Layer))
        {
            throw new ArgumentException("Layer must name a tensor or a Conv node of the model, but was blank.", nameof(Layer));
        }

        ActivationMaximisationOptions.Check(Steps >= 1 && Steps <= 100_000, nameof(Steps), Steps, "between 1 and 100000");
        ActivationMaximisationOptions.Check(StepSize > 0 && StepSize <= 1, nameof(StepSize), StepSize, "in (0, 1]");
        ActivationMaximisationOptions.Check(Octaves >= 1 && Octaves <= 8, nameof(Octaves), Octaves, "between 1 and 8");
        ActivationMaximisationOptions.Check(OctaveScale >= 1 && OctaveScale <= 4, nameof(OctaveScale), OctaveScale, "in [1, 4]");
        ActivationMaximisationOptions.Check(Jitter >= 0, nameof(Jitter), Jitter, "0 or more");
        return new AscentSettings(Steps, StepSize, L2Decay: 0, Jitter, BlurEvery: 0, BlurSigma: 0, GradientSigma: 0);
    }
}
