namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Turns the backward graph into layer-wise relevance propagation: which rule each layer gets (<see cref="Composite"/>,
/// and <see cref="Input"/> for the layer that reads the image), the stabiliser ε, and the per-channel value range of
/// the input that bounds the zᴮ rule. Equality ignores the bounds: they are the model's, and one runner serves one model.
/// </summary>
internal sealed record RelevanceRules(LrpComposite Composite, float Epsilon, LrpInputRule Input)
{
    /// <summary>Per input channel, the value a 0 pixel becomes.</summary>
    public float[] Low { get; init; } = [];

    /// <summary>Per input channel, the value a 255 pixel becomes.</summary>
    public float[] High { get; init; } = [];

    public bool Equals(RelevanceRules? other) => other is not null && Composite == other.Composite && Epsilon.Equals(other.Epsilon) && Input == other.Input;

    public override int GetHashCode() => HashCode.Combine(Composite, Epsilon, Input);
}
