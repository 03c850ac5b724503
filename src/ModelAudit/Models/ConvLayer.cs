namespace ModelAudit.Models;

/// <summary>
/// A convolution node with its weights' shape and geometry. <see cref="WeightShape"/> is
/// <c>[out channels, in channels / group, kH, kW]</c>, empty when the weights are computed at run time;
/// <see cref="Pads"/> is <c>[top, left, bottom, right]</c>. For a quantized convolution (QLinearConv, ConvInteger, or
/// Conv reading DequantizeLinear) <see cref="WeightName"/> reads dequantized through <see cref="ModelGraph.Weight"/>,
/// and <see cref="Output"/> is the float tensor its result is turned back into.
/// </summary>
public sealed record ConvLayer(
    string NodeName,
    string Input,
    string Output,
    string WeightName,
    string? BiasName,
    IReadOnlyList<int> WeightShape,
    IReadOnlyList<int> Strides,
    IReadOnlyList<int> Pads,
    IReadOnlyList<int> Dilations,
    int Group,
    string AutoPad)
{
    /// <summary>The node's operator: Conv, QLinearConv or ConvInteger.</summary>
    public string OpType { get; init; } = "Conv";

    /// <summary>True when the weights are stored in the file (so their shape is known) and 2-D.</summary>
    public bool HasKnownWeights => WeightShape.Count == 4;

    public int OutChannels => Dimension(0);

    public int InChannelsPerGroup => Dimension(1);

    public int KernelHeight => Dimension(2);

    public int KernelWidth => Dimension(3);

    public bool IsDepthwise => HasKnownWeights && Group > 1 && InChannelsPerGroup == 1 && Group == OutChannels;

    public override string ToString() =>
        $"{NodeName}{(OpType == "Conv" ? "" : $" ({OpType})")} [{(HasKnownWeights ? string.Join("x", WeightShape) : WeightShape.Count == 0 ? "weights computed at run time" : string.Join("x", WeightShape))}] " +
        $"stride {string.Join(",", Strides)} pad {string.Join(",", Pads)} dilation {string.Join(",", Dilations)} group {Group}";

    private int Dimension(int axis) => HasKnownWeights
        ? WeightShape[axis]
        : throw new InvalidModelException(
            $"Conv node '{NodeName}' has weights '{WeightName}' of shape [{string.Join(",", WeightShape)}]: " +
            (WeightShape.Count == 0 ? "they are computed at run time, not stored in the file, so the layer has no filters to read." : "not a 2-D convolution, which ModelAudit's filter audits read."));
}
