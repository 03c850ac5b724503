using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Adjoints of the operators that normalise over a group of axes (softmax, layer normalisation, the L2 norm): each
/// input's gradient also depends, through a sum over the group, on every other input of its group.
/// </summary>
internal static class NormalisationAdjoints
{
    /// <summary>Softmax: y ⊙ (dY − Σ dY ⊙ y), the sum over the softmax axes.</summary>
    public static void Softmax(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        var y = node.Output[0];
        var dot = e.ReduceSum(e.Mul(dY, y), SoftmaxAxes(node, c));
        give(0, e.Mul(y, e.Node("Sub", [dY, dot])));
    }

    /// <summary>LogSoftmax: dY − eʸ ⊙ Σ dY, the sum over the softmax axes.</summary>
    public static void LogSoftmax(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        var total = e.ReduceSum(dY, SoftmaxAxes(node, c));
        give(0, e.Node("Sub", [dY, e.Mul(e.Node("Exp", [node.Output[0]]), total)]));
    }

    /// <summary>
    /// LayerNormalization (opset 17) to X, with x̂ = (X − μ)·σ⁻¹ and g = dY ⊙ scale: σ⁻¹ ⊙ (g − mean g − x̂ ⊙ mean(g ⊙ x̂)),
    /// the means over the normalised axes. μ and σ⁻¹ come from the node's own optional outputs, added when the model
    /// leaves them out. A scale or bias that depends on the differentiated tensor is refused.
    /// </summary>
    public static void LayerNormalization(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        if (wants(1) || wants(2))
        {
            throw c.Unsupported(node, "its scale or bias depends on the differentiated tensor");
        }

        var shape = c.Shape(node.Input[0]);
        var axes = Trailing(node, node.GetInt("axis", -1), shape.Length + 1, c);
        var count = axes.Select(a => shape[(int)a - 1]).Aggregate(1, (p, d) => p * d);
        while (node.Output.Count < 3)
        {
            node.Output.Add("");
        }

        for (var k = 1; k < 3; k++)
        {
            node.Output[k] = node.Output[k].Length > 0 ? node.Output[k] : c.Emit.Fresh(k == 1 ? "layernorm_mean" : "layernorm_inv_std");
        }

        var e = c.Emit;
        string Mean(string t) => e.Mul(e.ReduceSum(t, axes), e.Scalar(1f / count));
        var inverse = node.Output[2];
        var normalised = e.Mul(e.Node("Sub", [node.Input[0], node.Output[1]]), inverse);
        var g = e.Mul(dY, node.Input[1]);
        var centred = e.Node("Sub", [g, Mean(g)]);
        var projected = e.Node("Sub", [centred, e.Mul(normalised, Mean(e.Mul(g, normalised)))]);
        give(0, e.Mul(inverse, projected));
    }

    /// <summary>
    /// ReduceL2, y = √Σx²: x · dY / y, over the reduced axes. Where a norm is 0 its inputs are all 0, and so is their
    /// gradient (the subgradient PyTorch picks), rather than 0/0.
    /// </summary>
    public static void ReduceL2(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var shape = c.Shape(node.Input[0]);
        var rank = shape.Length + 1;
        var axes = node.GetInts("axes")
            ?? (node.Input.Count > 1 && node.Input[1].Length > 0 ? c.ConstantInts(node.Input[1], node) : null);
        if (axes is null || axes.Length == 0)
        {
            throw c.Unsupported(node, "it reduces over every axis, the batch included");
        }

        var reduced = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        if (reduced.Contains(0))
        {
            throw c.Unsupported(node, "it reduces over the batch axis");
        }

        var e = c.Emit;
        var (gradient, norm) = (dY, node.Output[0]);
        if (node.GetInt("keepdims", 1) == 0)
        {
            // Put the reduced axes back as size 1 so that both broadcast against x.
            var kept = e.Int64s([0, .. shape.Select((d, i) => reduced.Contains(i + 1) ? 1L : d)]);
            (gradient, norm) = (e.Node("Reshape", [dY, kept]), e.Node("Reshape", [norm, kept]));
        }

        var safe = e.Node("Max", [norm, e.Scalar(1e-30f)]);
        give(0, e.Mul(node.Input[0], e.Node("Div", [gradient, safe])));
    }

    /// <summary>
    /// The axes a (Log)Softmax normalises over: before opset 13 the input is coerced to 2-D at <c>axis</c> (default 1),
    /// so every axis from there on; from 13, the one <c>axis</c> (default −1).
    /// </summary>
    private static long[] SoftmaxAxes(NodeProto node, AdjointContext c)
    {
        var rank = c.Shape(node.Input[0]).Length + 1;
        if (c.Emit.Opset < 13)
        {
            return [.. Trailing(node, node.GetInt("axis", 1), rank, c)];
        }

        var axis = node.GetInt("axis", -1);
        axis = axis < 0 ? axis + rank : axis;
        return axis == 0 ? throw c.Unsupported(node, "it normalises over the batch axis") : [axis];
    }

    /// <summary>The axes from <paramref name="axis"/> to the last.</summary>
    private static long[] Trailing(NodeProto node, long axis, int rank, AdjointContext c)
    {
        axis = axis < 0 ? axis + rank : axis;
        return axis == 0
            ? throw c.Unsupported(node, "it normalises over the batch axis")
            : Enumerable.Range((int)axis, rank - (int)axis).Select(a => (long)a).ToArray();
    }
}
