using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>Adjoints of element-wise operators: activations as masks, arithmetic with gradients summed back over broadcast axes.</summary>
internal static class ElementwiseAdjoints
{
    /// <summary>The ReLU step that separates the gradient views: the forward mask (the true gradient), a positive gradient (deconvnet), or both (guided).</summary>
    public static void Relu(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        string Mask() => e.AsFloat(e.Node("Greater", [node.Input[0], e.Scalar(0f)]));
        give(0, c.Rule switch
        {
            ReluRule.Deconvnet => e.Node("Relu", [dY]),
            ReluRule.Guided => e.Mul(e.Node("Relu", [dY]), Mask()),
            _ => e.Mul(dY, Mask()),
        });
    }

    /// <summary>Clip passes the gradient strictly inside (min, max); bounds are attributes before opset 11 and inputs after.</summary>
    public static void Clip(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        float? Bound(string attribute, int input) => c.Emit.Opset < 11
            ? node.Attribute.Any(a => a.Name == attribute) ? node.GetFloat(attribute, 0f) : null
            : node.Input.Count > input && node.Input[input].Length > 0 ? c.Constant(node.Input[input], node)[0] : null;

        var e = c.Emit;
        var result = dY;
        if (Bound("min", 1) is { } min)
        {
            result = e.Mul(result, e.AsFloat(e.Node("Greater", [node.Input[0], e.Scalar(min)])));
        }

        if (Bound("max", 2) is { } max)
        {
            result = e.Mul(result, e.AsFloat(e.Node("Less", [node.Input[0], e.Scalar(max)])));
        }

        give(0, result);
    }

    /// <summary>HardSigmoid = clip(αx+β, 0, 1): α where the output is strictly between 0 and 1.</summary>
    public static void HardSigmoid(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        var y = node.Output[0];
        var inside = e.Node("And", [e.Node("Greater", [y, e.Scalar(0f)]), e.Node("Less", [y, e.Scalar(1f)])]);
        give(0, e.Mul(e.Mul(dY, e.AsFloat(inside)), e.Scalar(node.GetFloat("alpha", 0.2f))));
    }

    /// <summary>HardSwish = x·clip(x+3, 0, 6)/6: slope x/3 + 1/2 on (−3, 3), 1 above, 0 below.</summary>
    public static void HardSwish(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        var x = node.Input[0];
        var above = e.AsFloat(e.Node("Not", [e.Node("Less", [x, e.Scalar(3f)])]));
        var inside = e.AsFloat(e.Node("And", [e.Node("Greater", [x, e.Scalar(-3f)]), e.Node("Less", [x, e.Scalar(3f)])]));
        var slope = e.Node("Add", [e.Mul(inside, e.Node("Add", [e.Mul(x, e.Scalar(1f / 3f)), e.Scalar(0.5f)])), above]);
        give(0, e.Mul(dY, slope));
    }

    /// <summary>Sigmoid: y·(1 − y).</summary>
    public static void Sigmoid(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        var y = node.Output[0];
        give(0, e.Mul(dY, e.Mul(y, e.Node("Sub", [e.Scalar(1f), y]))));
    }

    public static void Add(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        for (var i = 0; i < node.Input.Count; i++)
        {
            if (wants(i))
            {
                give(i, Unbroadcast(dY, node, i, c));
            }
        }
    }

    public static void Sub(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        if (wants(0))
        {
            give(0, Unbroadcast(dY, node, 0, c));
        }

        if (wants(1))
        {
            give(1, Unbroadcast(c.Emit.Node("Neg", [dY]), node, 1, c));
        }
    }

    public static void Mul(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        for (var i = 0; i < 2; i++)
        {
            if (wants(i))
            {
                give(i, Unbroadcast(c.Emit.Mul(dY, node.Input[1 - i]), node, i, c));
            }
        }
    }

    /// <summary>y = a / b: da = dY / b, db = −dY·y / b.</summary>
    public static void Div(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        var over = e.Node("Div", [dY, node.Input[1]]);
        if (wants(0))
        {
            give(0, Unbroadcast(over, node, 0, c));
        }

        if (wants(1))
        {
            give(1, Unbroadcast(e.Node("Neg", [e.Mul(over, node.Output[0])]), node, 1, c));
        }
    }

    /// <summary>Sums a gradient of the output's shape back to the shape of input <paramref name="input"/> (NumPy broadcasting, right-aligned).</summary>
    public static string Unbroadcast(string grad, NodeProto node, int input, AdjointContext c) =>
        SumTo(grad, c.Shape(node.Output[0]), node.Input[input], c);

    /// <summary>Sums <paramref name="grad"/>, of per-sample shape <paramref name="shape"/>, over the axes along which <paramref name="tensor"/> was broadcast to that shape.</summary>
    public static string SumTo(string grad, int[] shape, string tensor, AdjointContext c)
    {
        // Both shapes carry the batch axis: a differentiable tensor descends from the batched input.
        int[] output = [-1, .. shape];
        int[] operand = [-1, .. c.Shape(tensor)];
        var offset = output.Length - operand.Length;
        var axes = new List<long>();
        for (var a = 0; a < output.Length; a++)
        {
            if (a < offset || (operand[a - offset] == 1 && output[a] != 1))
            {
                axes.Add(a);
            }
        }

        if (axes.Count == 0)
        {
            return grad;
        }

        return c.Emit.ReshapeLike(c.Emit.ReduceSum(grad, [.. axes]), tensor);
    }
}
