using System.Globalization;

namespace ModelAudit.Activations;

/// <summary>How far activation statistics may move from a baseline before <see cref="ActivationDrift"/> reports it.</summary>
public sealed record ActivationTolerances
{
    /// <summary>Largest allowed absolute change of a layer's sparsity. Default 0.10 (e.g. 40% → 50%).</summary>
    public double MaxSparsityChange { get; init; } = 0.10;

    /// <summary>Largest allowed absolute change of one channel's firing fraction. Default 0.25.</summary>
    public double MaxFiringFractionChange { get; init; } = 0.25;

    /// <summary>How many channels may die that were alive in the baseline. Default 0.</summary>
    public int MaxNewDeadChannels { get; init; }

    internal void Validate()
    {
        if (!(MaxSparsityChange >= 0 && MaxSparsityChange <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSparsityChange), MaxSparsityChange, $"MaxSparsityChange must be in [0, 1], but was {MaxSparsityChange.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(MaxFiringFractionChange >= 0 && MaxFiringFractionChange <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFiringFractionChange), MaxFiringFractionChange, $"MaxFiringFractionChange must be in [0, 1], but was {MaxFiringFractionChange.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (MaxNewDeadChannels < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxNewDeadChannels), MaxNewDeadChannels, $"MaxNewDeadChannels must not be negative, but was {MaxNewDeadChannels}.");
        }
    }
}
