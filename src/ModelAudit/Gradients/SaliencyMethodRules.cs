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
}
