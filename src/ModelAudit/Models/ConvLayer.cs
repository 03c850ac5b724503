namespace ModelAudit.Models;

/// <summary>
/// A convolution node with its weights' shape and geometry. <see cref="WeightShape"/> is
/// <c>[out channels, in channels / group, kH, kW]</c>; <see cref="Pads"/> is <c>[top, left, bottom, right]</c>.
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
    public int OutChannels => WeightShape[0];

    public int InChannelsPerGroup => WeightShape[1];

    public int KernelHeight => WeightShape[2];

    public int KernelWidth => WeightShape[3];

    public bool IsDepthwise => Group > 1 && InChannelsPerGroup == 1 && Group == OutChannels;

    public override string ToString() =>
        $"{NodeName} [{string.Join("x", WeightShape)}] stride {string.Join(",", Strides)} pad {string.Join(",", Pads)} dilation {string.Join(",", Dilations)} group {Group}";
}
