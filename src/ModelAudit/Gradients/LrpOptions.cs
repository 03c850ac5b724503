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

    /// <summary>
    /// The rule of the layer that reads the image. Default null: the composite's own, <see cref="LrpInputRule.Box"/>
    /// (zᴮ) for EpsilonPlus and EpsilonAlpha2Beta1, <see cref="LrpInputRule.Epsilon"/> for Epsilon.
    /// </summary>
    public LrpInputRule? InputRule { get; init; }

    /// <summary>What is explained: a class (<c>Target = 3</c>), a dense, sequence or custom target. Default null: each image's top-1 class.</summary>
    public Target? Target { get; init; }

    /// <summary>The input rule that runs: <see cref="InputRule"/>, or the composite's own.</summary>
    internal LrpInputRule Input => InputRule ?? CompositeInput;

    private LrpInputRule CompositeInput => Composite == LrpComposite.Epsilon ? LrpInputRule.Epsilon : LrpInputRule.Box;

    /// <summary>The maps' method name: <c>lrp-epsilon</c>, <c>lrp-epsilon-plus</c>, …, with the input rule appended when it is not the composite's own (<c>lrp-epsilon-plus-flat</c>).</summary>
    internal string MethodName
    {
        get
        {
            var composite = Composite switch
            {
                LrpComposite.Epsilon => "lrp-epsilon",
                LrpComposite.EpsilonPlus => "lrp-epsilon-plus",
                _ => "lrp-epsilon-alpha2-beta1",
            };
            var input = Input switch
            {
                LrpInputRule.Box => "box",
                LrpInputRule.Epsilon => "epsilon",
                LrpInputRule.Flat => "flat",
                _ => "w-square",
            };
            return Input == CompositeInput ? composite : $"{composite}-{input}";
        }
    }

    /// <summary>The rules in the order the layers meet them, for reports: dense layers, other convolutions, the first layer (<c>ε + z⁺ + zᴮ</c>).</summary>
    internal string Rules
    {
        get
        {
            var input = Input switch
            {
                LrpInputRule.Box => "zᴮ",
                LrpInputRule.Epsilon => "ε",
                LrpInputRule.Flat => "flat",
                _ => "w²",
            };
            var conv = Composite switch
            {
                LrpComposite.Epsilon => "ε",
                LrpComposite.EpsilonPlus => "z⁺",
                _ => "α2β1",
            };
            return string.Join(" + ", new[] { "ε", conv, input }.Distinct());
        }
    }

    internal void Validate()
    {
        if (!Enum.IsDefined(Composite))
        {
            throw new ArgumentOutOfRangeException(nameof(Composite), Composite, $"Composite must be Epsilon, EpsilonPlus or EpsilonAlpha2Beta1, but was {(int)Composite}.");
        }

        if (InputRule is { } rule && !Enum.IsDefined(rule))
        {
            throw new ArgumentOutOfRangeException(nameof(InputRule), rule, $"InputRule must be Box, Epsilon, Flat, WSquare or null (the composite's own), but was {(int)rule}.");
        }

        if (!double.IsFinite(Epsilon) || Epsilon <= 0 || Epsilon > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon must be in (0, 100]: zero lets a layer output of 0 divide by zero.");
        }
    }
}
