using System.Globalization;

namespace ModelAudit.Visualisation;

/// <summary>Options for <see cref="ActivationMaximisation"/>: the regularisers of Simonyan et al. and Yosinski et al.</summary>
public sealed record ActivationMaximisationOptions
{
    /// <summary>Gradient ascent steps. Default 200.</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Step length per unit-RMS gradient, as a fraction of each channel's value range. Default 0.01.</summary>
    public double StepSize { get; init; } = 0.01;

    /// <summary>Fraction of the distance to the grey image removed after every step (L2 decay). Default 0.005.</summary>
    public double L2Decay { get; init; } = 0.005;

    /// <summary>Largest random shift, in pixels, applied before each gradient (jitter). Default 4; 0 turns it off.</summary>
    public int Jitter { get; init; } = 4;

    /// <summary>Blur the image every this many steps. Default 4; 0 turns blurring off.</summary>
    public int BlurEvery { get; init; } = 4;

    /// <summary>Standard deviation, in pixels, of that blur. Default 0.5.</summary>
    public double BlurSigma { get; init; } = 0.5;

    /// <summary>Standard deviation of the starting noise around grey, as a fraction of the value range. Default 0.05.</summary>
    public double InitialNoise { get; init; } = 0.05;

    /// <summary>Seed of the starting noise and the jitter. Default 0.</summary>
    public int Seed { get; init; }

    internal AscentSettings Validate()
    {
        Check(Steps >= 1 && Steps <= 100_000, nameof(Steps), Steps, "between 1 and 100000");
        Check(StepSize > 0 && StepSize <= 1, nameof(StepSize), StepSize, "in (0, 1]");
        Check(L2Decay >= 0 && L2Decay < 1, nameof(L2Decay), L2Decay, "in [0, 1)");
        Check(Jitter >= 0, nameof(Jitter), Jitter, "0 or more");
        Check(BlurEvery >= 0, nameof(BlurEvery), BlurEvery, "0 or more");
        Check(BlurSigma >= 0 && BlurSigma <= 10, nameof(BlurSigma), BlurSigma, "in [0, 10]");
        Check(InitialNoise >= 0 && InitialNoise <= 1, nameof(InitialNoise), InitialNoise, "in [0, 1]");
        return new AscentSettings(Steps, StepSize, L2Decay, Jitter, BlurEvery, BlurSigma, 0);
    }

    internal static void Check(bool ok, string name, double value, string expected)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {expected}, but was {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
