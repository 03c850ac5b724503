using ModelAudit.Targets;

namespace ModelAudit.Gradients;

/// <summary>Options for <see cref="LayerwiseRelevance"/>.</summary>
public sealed record LrpOptions
{
    /// <summary>Which rule each layer gets. Default <see cref="LrpComposite.EpsilonPlus"/>.</summary>
    public LrpComposite Composite { get; init; } = LrpComposite.EpsilonPlus;

    /// <summary>
    /// ε, added to each layer's output with its sign before dividing by it. Default 1e-6, the smallest value that keeps
    /// float32 divisions finite (Zennit's default); larger values (0.01–1) absorb weak, contradictory relevance and give
    /// sparser maps at the cost of conservation. Must be finite and in (0, 100].
    /// </summary>
    public double Epsilon { get; init; } = 1e-6;

    /// <summary>What is explained: a class (<c>Target = 3</c>), a dense, sequence or custom target. Default null: each image's top-1 class.</summary>
    public Target? Target { get; init; }

    internal void Validate()
    {
        if (!Enum.IsDefined(Composite))
        {
            throw new ArgumentOutOfRangeException(nameof(Composite), Composite, $"Composite must be Epsilon, EpsilonPlus or EpsilonAlpha2Beta1, but was {(int)Composite}.");
        }

        if (!double.IsFinite(Epsilon) || Epsilon <= 0 || Epsilon > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon must be in (0, 100]: zero lets a layer output of 0 divide by zero.");
        }
    }
}
