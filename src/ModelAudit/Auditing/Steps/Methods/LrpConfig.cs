using System.Globalization;
using ModelAudit.Gradients;
using ModelAudit.Targets;

namespace ModelAudit.Auditing;

/// <summary>Options of the <c>"lrp"</c> map method: layer-wise relevance propagation (<see cref="LayerwiseRelevance"/>).</summary>
public sealed record LrpConfig
{
    private static readonly LrpOptions Defaults = new();

    /// <summary>
    /// Which rule each layer gets, after Zennit's composites: <c>"epsilon_plus"</c> (the default: ε for dense layers, z⁺
    /// for convolutions, zᴮ for the first layer), <c>"epsilon_alpha2_beta1"</c> (α2β1 for convolutions: positive
    /// evidence counted twice, negative once) or <c>"epsilon"</c> (ε everywhere: the plainest, unstable on deep nets).
    /// </summary>
    [ConfigValues(typeof(LrpConfig), nameof(Composites))]
    public string Composite { get; init; } = "epsilon_plus";

    /// <summary>
    /// ε, added to each layer's output with its sign before dividing by it, in (0, 100]. Default 1e-6; 0.01 to 1 absorbs
    /// weak, contradictory relevance and gives sparser maps that conserve less.
    /// </summary>
    public double Epsilon { get; init; } = Defaults.Epsilon;

    /// <summary>
    /// The rule of the layer that reads the image: <c>"box"</c> (zᴮ, bounded by the values pixels 0 and 255 become under
    /// the input spec), <c>"epsilon"</c>, <c>"flat"</c> (spread evenly over each output's receptive field) or
    /// <c>"w_square"</c> (in proportion to the squared weights). Default the composite's own: box, or epsilon for the
    /// epsilon composite.
    /// </summary>
    [ConfigValues(typeof(LrpConfig), nameof(InputRules))]
    public string? InputRule { get; init; }

    internal static IReadOnlyDictionary<string, LrpComposite> Composites { get; } = new Dictionary<string, LrpComposite>(StringComparer.Ordinal)
    {
        ["epsilon_plus"] = LrpComposite.EpsilonPlus,
        ["epsilon_alpha2_beta1"] = LrpComposite.EpsilonAlpha2Beta1,
        ["epsilon"] = LrpComposite.Epsilon,
    };

    internal static IReadOnlyDictionary<string, LrpInputRule> InputRules { get; } = new Dictionary<string, LrpInputRule>(StringComparer.Ordinal)
    {
        ["box"] = LrpInputRule.Box,
        ["epsilon"] = LrpInputRule.Epsilon,
        ["flat"] = LrpInputRule.Flat,
        ["w_square"] = LrpInputRule.WSquare,
    };

    /// <summary>The options these keys give, explaining <paramref name="target"/>.</summary>
    internal LrpOptions Options(Target? target) => new()
    {
        Composite = Composites[Composite],
        Epsilon = Epsilon,
        InputRule = InputRule is null ? null : InputRules[InputRule],
        Target = target,
    };

    /// <summary>How reports name the settings: the rules in the order the layers meet them, and ε (<c>ε + z⁺ + zᴮ (ε = 1e-6)</c>).</summary>
    internal string Describe() => $"{Options(null).Rules} (ε = {Epsilon.ToString(Epsilon >= 1e-3 ? "0.###" : "0.###e0", CultureInfo.InvariantCulture)})";

    internal void Validate(ConfigCheck check)
    {
        if (!Composites.ContainsKey(Composite))
        {
            check.Fail("composite", $"is '{Composite}'; use {ConfigCheck.OneOf(Composites.Keys)}.");
        }

        if (InputRule is not null && !InputRules.ContainsKey(InputRule))
        {
            check.Fail("input_rule", $"is '{InputRule}'; use {ConfigCheck.OneOf(InputRules.Keys)}, or leave it out for the composite's own.");
        }

        if (!(Epsilon > 0 && Epsilon <= 100))
        {
            check.Fail("epsilon", string.Create(CultureInfo.InvariantCulture, $"is {Epsilon}; use a number in (0, 100], e.g. 1e-6: at 0 a layer output of 0 divides by zero."));
        }
    }
}
