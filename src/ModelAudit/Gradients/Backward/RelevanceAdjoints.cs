using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Layer-wise relevance propagation (Bach et al. 2015; Montavon et al. 2019) as backward rules: what flows back is
/// relevance, starting as the target's score. A linear layer z = W·a + b redistributes it in the gradient×input form,
/// a ⊙ adjoint(R / (z ± ε)): the model's own adjoint between a division by the stabilised output and a product with
/// the input. z⁺, αβ and zᴮ run the same form over the weights' positive and negative parts. Element-wise activations
/// pass relevance unchanged (Zennit's Pass); maximum pooling, reshapes, slices, joins and QDQ pairs keep their gradient
/// rules, which already route it. A QDQ model's weights are constants (<see cref="ConstantTensors"/>), read dequantized.
/// </summary>
internal static class RelevanceAdjoints
{
    /// <summary>Applies the relevance rule of <paramref name="node"/>; false when its <paramref name="ordinary"/> gradient rule routes relevance as it is.</summary>
    public static bool Apply(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give, AdjointRules.Rule ordinary)
    {
        switch (node.OpType)
        {
            // Element-wise activations, and a batch norm that no Conv absorbed (an element-wise affine map): a neuron's
            // relevance is its input's. The derivative the gradient rule multiplies by is not a share of anything and
            // loses relevance (a saturated σ: all of it); the ε-rule on a norm divides by outputs its shift can zero.
            case "Relu" or "LeakyRelu" or "PRelu" or "Elu" or "Clip" or "Sigmoid" or "Tanh" or "HardSigmoid" or "HardSwish" or "BatchNormalization":
                give(0, dY);
                return true;
            case "Conv" or "Gemm":
                Linear(node, dY, c, wants, give, ordinary);
                return true;
            case "MatMul" when wants(0) && wants(1):
                throw c.Unsupported(node, "it multiplies two computed tensors (attention's Q·Kᵀ or weights·V), and relevance propagation has no rule that conserves relevance there; " +
                    "explain this model with a gradient or perturbation method (saliency, integrated gradients, occlusion, RISE)");
            case "Mul" when wants(0) && wants(1):
                // A gate (x·σ(x), GELU, squeeze-and-excitation) scales its signal: the relevance stays with the signal.
                give(Signal(node, c), dY);
                return true;
            case "Div" when wants(0) && wants(1):
                // A normalisation x / ‖x‖: the numerator is the signal.
                give(0, dY);
                return true;

            // Sums, products with constants and average pools: each input's share of the output.
            case "MatMul" or "Add" or "Sub" or "Sum" or "Mul" or "Div" or "GlobalAveragePool" or "AveragePool" or "ReduceMean" or "ReduceSum":
                Epsilon(node, dY, c, wants, give, ordinary);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Which operand of a product of two computed tensors is the signal the other gates: the one the other is
    /// computed from (x in x·σ(x), the block input in squeeze-and-excitation's σ(W·pool(x))·x, whichever side it is
    /// on), else the larger (a per-channel gate broadcasts), else the first.
    /// </summary>
    private static int Signal(NodeProto node, AdjointContext c)
    {
        var (a, b) = (node.Input[0], node.Input[1]);
        if (a != b && c.DependsOn(a, b))
        {
            return 1;
        }

        if (c.DependsOn(b, a))
        {
            return 0;
        }

        static long Size(int[] shape) => shape.Aggregate(1L, (p, d) => p * d);
        return Size(c.Shape(b)) > Size(c.Shape(a)) ? 1 : 0;
    }

    /// <summary>Conv and Gemm: the input rule on the image, then z⁺ or α2β1 for convolutions as the composite says, ε otherwise.</summary>
    private static void Linear(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give, AdjointRules.Rule ordinary)
    {
        var rules = c.Relevance!;
        var image = wants(0) && c.IsImage(node.Input[0]);
        if (!wants(0) || (image ? rules.Input == LrpInputRule.Epsilon : rules.Composite == LrpComposite.Epsilon))
        {
            Epsilon(node, dY, c, wants, give, ordinary);
        }
        else if (wants(1) || (node.Input.Count > 2 && wants(2)))
        {
            throw c.Unsupported(node, "its weights depend on the differentiated tensor");
        }
        else if (image)
        {
            give(0, rules.Input switch
            {
                LrpInputRule.Box => Box(node, dY, c, ordinary),
                LrpInputRule.Flat => Spread(node, dY, c, ordinary, _ => 1f),
                _ => Spread(node, dY, c, ordinary, v => v * v),
            });
        }
        else if (node.OpType == "Conv")
        {
            give(0, rules.Composite == LrpComposite.EpsilonPlus ? AlphaBeta(node, dY, c, ordinary, 1f, 0f) : AlphaBeta(node, dY, c, ordinary, 2f, 1f));
        }
        else
        {
            Epsilon(node, dY, c, wants, give, ordinary);
        }
    }

    /// <summary>The ε-rule: R_j = Σ_k a_j w_jk / (z_k + ε·sign z_k) · R_k, the bias's share absorbed.</summary>
    private static void Epsilon(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give, AdjointRules.Rule ordinary)
    {
        var s = c.Emit.Node("Div", [dY, Stabilised(node.Output[0], c)]);
        ordinary(node, s, c, wants, (k, g) => give(k, c.Emit.Mul(node.Input[k], g)));
    }

    /// <summary>
    /// α·(positive contributions' share) − β·(negative contributions' share), each over z without bias: a⁺W⁺ + a⁻W⁻ and
    /// a⁺W⁻ + a⁻W⁺. α1β0 is z⁺; after a ReLU a⁻ is zero and z⁺ is W⁺a.
    /// </summary>
    private static string AlphaBeta(NodeProto node, string dY, AdjointContext c, AdjointRules.Rule ordinary, float alpha, float beta)
    {
        var e = c.Emit;
        var a = node.Input[0];
        var positive = e.Node("Relu", [a]);
        var negative = e.Node("Neg", [e.Node("Relu", [e.Node("Neg", [a])])]);
        var wp = Part(node, c, v => Math.Max(v, 0f));
        var wn = Part(node, c, v => Math.Min(v, 0f));
        var result = Share(node, dY, c, ordinary, (positive, wp), (negative, wn));
        if (alpha != 1f)
        {
            result = e.Mul(result, e.Scalar(alpha));
        }

        return beta == 0f ? result : e.Node("Sub", [result, e.Mul(Share(node, dY, c, ordinary, (positive, wn), (negative, wp)), e.Scalar(beta))]);
    }

    /// <summary>Σ over (input, weight) pairs of x ⊙ adjointᵂ(R / z), with z = Σ of the pairs' outputs.</summary>
    private static string Share(NodeProto node, string dY, AdjointContext c, AdjointRules.Rule ordinary, params (string X, string W)[] pairs)
    {
        var e = c.Emit;
        var z = e.Node("Sum", pairs.Select(p => Forward(node, p.X, p.W, c)).ToArray());
        var s = e.Node("Div", [dY, Stabilised(z, c)]);
        return e.Node("Sum", pairs.Select(p => e.Mul(p.X, Adjoint(node, p.W, s, c, ordinary))).ToArray());
    }

    /// <summary>
    /// zᴮ (Montavon et al. 2017): relevance of an input bounded by [l, h] (the values pixels 0 and 255 become):
    /// x ⊙ Wᵀs − l ⊙ W⁺ᵀs − h ⊙ W⁻ᵀs with s = R / (Wx − W⁺l − W⁻h), a denominator never negative.
    /// </summary>
    private static string Box(NodeProto node, string dY, AdjointContext c, AdjointRules.Rule ordinary)
    {
        var e = c.Emit;
        var x = node.Input[0];
        var w = node.Input[1];
        var low = Bound(x, c.Relevance!.Low, c);
        var high = Bound(x, c.Relevance.High, c);
        var wp = Part(node, c, v => Math.Max(v, 0f));
        var wn = Part(node, c, v => Math.Min(v, 0f));
        var z = e.Node("Sub", [e.Node("Sub", [Forward(node, x, w, c), Forward(node, low, wp, c)]), Forward(node, high, wn, c)]);
        var s = e.Node("Div", [dY, Stabilised(z, c)]);
        var kept = e.Node("Sub", [e.Mul(x, Adjoint(node, w, s, c, ordinary)), e.Mul(low, Adjoint(node, wp, s, c, ordinary))]);
        return e.Node("Sub", [kept, e.Mul(high, Adjoint(node, wn, s, c, ordinary))]);
    }

    /// <summary>
    /// Rules that ignore the input's values: each output's relevance spread over its receptive field in proportion to
    /// <paramref name="weight"/>(w) — 1 for flat, w² for w² (Montavon et al. 2017) — bias ignored:
    /// R_j = Σ_k v_jk / Σ_j' v_j'k · R_k, the sums over the inputs the layer reads (a padded border is not one).
    /// </summary>
    private static string Spread(NodeProto node, string dY, AdjointContext c, AdjointRules.Rule ordinary, Func<float, float> weight)
    {
        var e = c.Emit;
        var v = Part(node, c, weight);
        var ones = Bound(node.Input[0], [1f], c);
        var s = e.Node("Div", [dY, Stabilised(Forward(node, ones, v, c), c)]);
        return Adjoint(node, v, s, c, ordinary);
    }

    /// <summary>One sample of the image's per-channel bound, in the shape the layer reads the image (it broadcasts over the batch).</summary>
    private static string Bound(string x, float[] perChannel, AdjointContext c)
    {
        var shape = c.Shape(x);
        var length = shape.Aggregate(1, (p, d) => p * d);
        var plane = length / perChannel.Length;
        var values = Enumerable.Range(0, length).Select(i => perChannel[i / plane]).ToArray();
        return c.Emit.Floats(values, [1, .. shape.Select(d => (long)d)]);
    }

    /// <summary>z + ε where z ≥ 0, z − ε elsewhere: the denominator keeps its sign and stays away from zero.</summary>
    private static string Stabilised(string z, AdjointContext c)
    {
        var e = c.Emit;
        var epsilon = e.Scalar(c.Relevance!.Epsilon);
        return e.Node("Where", [e.Node("Less", [z, e.Scalar(0f)]), e.Node("Sub", [z, epsilon]), e.Node("Add", [z, epsilon])]);
    }

    /// <summary>The layer's weights mapped element-wise (their positive or negative part), as a new constant.</summary>
    private static string Part(NodeProto node, AdjointContext c, Func<float, float> map) =>
        c.AddConstant(c.Constant(node.Input[1], node).Select(map).ToArray(), c.ConstantDims(node.Input[1]));

    /// <summary>The layer on input <paramref name="x"/> with weights <paramref name="w"/> and no bias.</summary>
    private static string Forward(NodeProto node, string x, string w, AdjointContext c) =>
        c.Emit.Node(node.OpType, [x, w], [.. node.Attribute.Select(a => a.Clone())]);

    /// <summary>The layer's ordinary adjoint with weights <paramref name="w"/>, applied to <paramref name="s"/>.</summary>
    private static string Adjoint(NodeProto node, string w, string s, AdjointContext c, AdjointRules.Rule ordinary)
    {
        var layer = node.Clone();
        layer.Input[1] = w;
        while (layer.Input.Count > 2)
        {
            layer.Input.RemoveAt(2);
        }

        string? gradient = null;
        ordinary(layer, s, c, k => k == 0, (_, g) => gradient = g);
        return gradient!;
    }
}
