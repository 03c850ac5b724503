using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Adjoints of the operators that select among or repeat their inputs: dY goes to the input each output element came
/// from, summed over every place an input element was broadcast or tiled to.
/// </summary>
internal static class BroadcastAdjoints
{
    /// <summary>Where: dY to the first value input where the condition holds, to the second where it does not.</summary>
    public static void Where(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var zero = c.Emit.Scalar(0f);
        for (var k = 1; k <= 2; k++)
        {
            if (wants(k))
            {
                var selected = c.Emit.Node("Where", [node.Input[0], k == 1 ? dY : zero, k == 1 ? zero : dY]);
                give(k, ElementwiseAdjoints.Unbroadcast(selected, node, k, c));
            }
        }
    }

    public static void Max(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        Select(node, dY, "Less", c, wants, give);

    public static void Min(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        Select(node, dY, "Greater", c, wants, give);

    /// <summary>Expand: dY summed back over the axes the input was broadcast along.</summary>
    public static void Expand(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        give(0, ElementwiseAdjoints.Unbroadcast(dY, node, 0, c));

    /// <summary>
    /// Tile: output axis a, of size r·d, holds copy t of input element i at t·d + i; so each axis of dY is split into
    /// (r, d) and the copies are summed. Repeating the batch axis would mix samples and is refused.
    /// </summary>
    public static void Tile(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var repeats = c.ConstantInts(node.Input[1], node);
        var shape = c.Shape(node.Input[0]);
        if (repeats[0] != 1)
        {
            throw c.Unsupported(node, $"its repeats [{string.Join(", ", repeats)}] repeat the batch axis");
        }

        var e = c.Emit;
        long[] split = [0, .. shape.SelectMany((d, i) => new[] { repeats[i + 1], d })];
        var copies = Enumerable.Range(0, shape.Length).Select(i => 1L + (2L * i)).ToArray();
        give(0, e.ReshapeLike(e.ReduceSum(e.Node("Reshape", [dY, e.Int64s(split)]), copies), node.Input[0]));
    }

    /// <summary>
    /// Max and Min over any number of inputs: dY goes to the input that holds the extreme value. Ties share it evenly
    /// (as PyTorch's maximum and minimum do for two), so the gradients still add up to dY. An input holds the extreme
    /// where it is not <paramref name="beaten"/> by the output: Equal on floats needs opset 11, Less and Greater do not.
    /// </summary>
    private static void Select(NodeProto node, string dY, string beaten, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        if (node.Input.Count == 1)
        {
            give(0, dY);
            return;
        }

        var e = c.Emit;
        var holds = node.Input.Select(x => e.AsFloat(e.Node("Not", [e.Node(beaten, [x, node.Output[0]])]))).ToArray();
        var share = e.Node("Div", [dY, e.Node("Sum", holds)]);
        for (var k = 0; k < node.Input.Count; k++)
        {
            if (wants(k))
            {
                give(k, ElementwiseAdjoints.Unbroadcast(e.Mul(share, holds[k]), node, k, c));
            }
        }
    }
}
