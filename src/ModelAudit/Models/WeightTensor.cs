namespace ModelAudit.Models;

/// <summary>A constant float tensor of the model (an initializer or a <c>Constant</c> node's value).</summary>
public sealed class WeightTensor
{
    private readonly float[] _values;

    internal WeightTensor(string name, int[] shape, float[] values)
    {
        Name = name;
        Shape = shape;
        _values = values;
    }

    public string Name { get; }

    public IReadOnlyList<int> Shape { get; }

    public ReadOnlySpan<float> Values => _values;

    public int Length => _values.Length;

    /// <summary>The values of the <paramref name="index"/>-th slice along the first axis (e.g. one conv filter).</summary>
    public ReadOnlySpan<float> Slice(int index)
    {
        var size = _values.Length / Shape[0];
        return _values.AsSpan(index * size, size);
    }
}
