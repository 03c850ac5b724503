using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// A constant linear map along one axis, Y[…, o, …] = Σᵢ W[o, i]·X[…, i, …]. Resize (per axis), a strided Slice and a
/// Gather with constant indices are all such maps, so each adjoint is the transposed map: one MatMul with a constant.
/// </summary>
internal sealed class AxisMap
{
    /// <summary>Row-major [<paramref name="outLength"/> × <paramref name="inLength"/>] weights.</summary>
    public AxisMap(int axis, int inLength, int outLength, float[] weights)
    {
        if (weights.Length != inLength * outLength)
        {
            throw new ArgumentException($"Expected {outLength} x {inLength} weights, got {weights.Length}.", nameof(weights));
        }

        (Axis, InLength, OutLength, Weights) = (axis, inLength, outLength, weights);
    }

    /// <summary>The axis of the full tensor (0 is the batch axis).</summary>
    public int Axis { get; }

    public int InLength { get; }

    public int OutLength { get; }

    public float[] Weights { get; }

    /// <summary>
    /// Output position o copies input position <c>picked[o]</c>; a position picked twice gets both gradients.
    /// </summary>
    public static AxisMap Selection(int axis, int inLength, IReadOnlyList<long> picked)
    {
        var weights = new float[picked.Count * inLength];
        for (var o = 0; o < picked.Count; o++)
        {
            weights[(o * inLength) + picked[o]] = 1;
        }

        return new AxisMap(axis, inLength, picked.Count, weights);
    }

    /// <summary>
    /// dX = Wᵀ·dY along <see cref="Axis"/> of a <paramref name="rank"/>-D tensor: a right product with W on the last
    /// axis, a left product with Wᵀ on the one before (MatMul broadcasts a 2-D operand), and the last axis swapped in
    /// and out around a right product anywhere else.
    /// </summary>
    public string Adjoint(string dY, int rank, GraphEmitter e)
    {
        if (Axis == rank - 1)
        {
            return e.Node("MatMul", [dY, e.Floats(Weights, OutLength, InLength)]);
        }

        if (Axis == rank - 2)
        {
            return e.Node("MatMul", [e.Floats(Transposed(), InLength, OutLength), dY]);
        }

        var swap = Enumerable.Range(0, rank).Select(a => (long)(a == Axis ? rank - 1 : a == rank - 1 ? Axis : a)).ToArray();
        var last = e.Node("Transpose", [dY], OnnxAttributes.Ints("perm", swap));
        var mapped = e.Node("MatMul", [last, e.Floats(Weights, OutLength, InLength)]);
        return e.Node("Transpose", [mapped], OnnxAttributes.Ints("perm", swap));
    }

    private float[] Transposed()
    {
        var t = new float[Weights.Length];
        for (var o = 0; o < OutLength; o++)
        {
            for (var i = 0; i < InLength; i++)
            {
                t[(i * OutLength) + o] = Weights[(o * InLength) + i];
            }
        }

        return t;
    }
}
