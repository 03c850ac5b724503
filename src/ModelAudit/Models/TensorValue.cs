namespace ModelAudit.Models;

/// <summary>One sample's slice of a tensor (the batch axis removed), e.g. a feature map <c>[C, H, W]</c>.</summary>
public sealed class TensorValue
{
    private readonly float[] _values;

    internal TensorValue(int[] shape, float[] values)
    {
        Shape = shape;
        _values = values;
    }

    public IReadOnlyList<int> Shape { get; }

    public ReadOnlySpan<float> Values => _values;

    public int Length => _values.Length;

    /// <summary>Channel <paramref name="channel"/> of a <c>[C, ...]</c> tensor.</summary>
    public ReadOnlySpan<float> Channel(int channel)
    {
        var size = _values.Length / Shape[0];
        return _values.AsSpan(channel * size, size);
    }
}
