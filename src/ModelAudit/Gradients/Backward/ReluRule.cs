namespace ModelAudit.Gradients.Backward;

/// <summary>
/// How a backward pass crosses a ReLU. Users choose through <see cref="SaliencyMethod"/>; the engine keeps its own
/// enum so that features built on it (first-order occlusion, feature visualisation) need no attribution-method type.
/// </summary>
internal enum ReluRule
{
    /// <summary>The true gradient: pass the incoming gradient where the forward input was positive.</summary>
    Gradient,

    /// <summary>Zeiler and Fergus's deconvnet: pass only the positive part of the incoming gradient.</summary>
    Deconvnet,

    /// <summary>Guided backpropagation: both conditions, forward input and incoming gradient positive.</summary>
    Guided,
}
