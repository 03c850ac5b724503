using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Adjoints of the smooth and piecewise-linear element-wise functions: dY times the derivative, written with the
/// forward output where that is cheaper (tanh, exp, sqrt, reciprocal).
/// </summary>
internal static class NonlinearAdjoints
{
    /// <summary>Tanh: 1 − y².</summary>
    public static void Tanh(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        var y = node.Output[0];
        give(0, e.Mul(dY, e.Node("Sub", [e.Scalar(1f), e.Mul(y, y)])));
    }

    /// <summary>LeakyRelu: 1 for x &gt; 0, α (default 0.01) elsewhere.</summary>
    public static void LeakyRelu(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        give(0, PositiveOr(node, dY, c.Emit.Mul(dY, c.Emit.Scalar(node.GetFloat("alpha", 0.01f))), c));

    /// <summary>PRelu: 1 for x &gt; 0, the slope elsewhere (it broadcasts against x, e.g. one slope per channel).</summary>
    public static void PRelu(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        if (wants(1))
        {
            throw c.Unsupported(node, "its slope depends on the differentiated tensor");
        }

        give(0, PositiveOr(node, dY, c.Emit.Mul(dY, node.Input[1]), c));
    }

    /// <summary>Elu: 1 for x &gt; 0, α·eˣ = y + α elsewhere.</summary>
    public static void Elu(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        var slope = e.Node("Add", [node.Output[0], e.Scalar(node.GetFloat("alpha", 1f))]);
        give(0, PositiveOr(node, dY, e.Mul(dY, slope), c));
    }

    /// <summary>Exp: y.</summary>
    public static void Exp(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        give(0, c.Emit.Mul(dY, node.Output[0]));

    /// <summary>Log: 1 / x.</summary>
    public static void Log(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        give(0, c.Emit.Node("Div", [dY, node.Input[0]]));

    public static void Neg(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        give(0, c.Emit.Node("Neg", [dY]));

    /// <summary>Abs: the sign of x (0 at 0).</summary>
    public static void Abs(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        give(0, c.Emit.Mul(dY, c.Emit.Node("Sign", [node.Input[0]])));

    /// <summary>Sqrt: 1 / (2y).</summary>
    public static void Sqrt(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        give(0, c.Emit.Node("Div", [c.Emit.Mul(dY, c.Emit.Scalar(0.5f)), node.Output[0]]));

    /// <summary>Reciprocal: −y².</summary>
    public static void Reciprocal(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var y = node.Output[0];
        give(0, c.Emit.Node("Neg", [c.Emit.Mul(dY, c.Emit.Mul(y, y))]));
    }

    /// <summary>Erf (GELU's exact form): 2/√π · e^(−x²).</summary>
    public static void Erf(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var e = c.Emit;
        var x = node.Input[0];
        var bell = e.Node("Exp", [e.Node("Neg", [e.Mul(x, x)])]);
        give(0, e.Mul(dY, e.Mul(bell, e.Scalar((float)(2 / Math.Sqrt(Math.PI))))));
    }

    /// <summary>
    /// Pow, y = aᵇ, to the base only: b·aᵇ⁻¹, summed back over the axes b broadcasts a along. The exponent is cast to
    /// float, as opset 12 lets it be an integer tensor. An exponent that depends on the differentiated tensor
    /// (b·ln a, defined only for a &gt; 0) is refused.
    /// </summary>
    public static void Pow(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        if (wants(1))
        {
            throw c.Unsupported(node, "its exponent depends on the differentiated tensor; only a base raised to a fixed exponent is supported");
        }

        if (!wants(0))
        {
            return;
        }

        var e = c.Emit;
        var b = e.Node("Cast", [node.Input[1]], OnnxAttributes.Int("to", 1));
        var slope = e.Mul(b, e.Node("Pow", [node.Input[0], e.Node("Sub", [b, e.Scalar(1f)])]));
        give(0, ElementwiseAdjoints.Unbroadcast(e.Mul(dY, slope), node, 0, c));
    }

    /// <summary>dY where x &gt; 0, <paramref name="negative"/> elsewhere.</summary>
    private static string PositiveOr(NodeProto node, string dY, string negative, AdjointContext c) =>
        c.Emit.Node("Where", [c.Emit.Node("Greater", [node.Input[0], c.Emit.Scalar(0f)]), dY, negative]);
}
