namespace ModelAudit.Gradients;

/// <summary>How a backward pass crosses a ReLU: the choice that separates the classic gradient views.</summary>
public enum SaliencyMethod
{
    /// <summary>The true gradient (Simonyan et al.): pass the incoming gradient where the forward input was positive.</summary>
    Plain,

    /// <summary>Zeiler and Fergus's deconvnet: pass only the positive part of the incoming gradient, ignoring the forward input.</summary>
    Deconvnet,

    /// <summary>Springenberg et al.'s guided backpropagation: both conditions, forward input and incoming gradient positive.</summary>
    GuidedBackprop,
}
