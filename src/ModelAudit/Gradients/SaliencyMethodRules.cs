using ModelAudit.Gradients.Backward;

namespace ModelAudit.Gradients;

/// <summary>The engine's ReLU rule behind each public <see cref="SaliencyMethod"/>.</summary>
internal static class SaliencyMethodRules
{
    public static ReluRule Rule(this SaliencyMethod method) => method switch
    {
        SaliencyMethod.Deconvnet => ReluRule.Deconvnet,
        SaliencyMethod.GuidedBackprop => ReluRule.Guided,
        _ => ReluRule.Gradient,
    };

    /// <summary>Rejects a value cast from an integer that names no method, which would otherwise run as Plain.</summary>
    public static void Check(SaliencyMethod method, string name)
    {
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(name, method, $"{name} must be Plain, Deconvnet or GuidedBackprop, but was {(int)method}.");
        }
    }
}
