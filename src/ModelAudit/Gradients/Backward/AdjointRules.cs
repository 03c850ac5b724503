using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// The adjoint of each supported operator, written as ONNX nodes: given dY for a node's first output, emit the
/// gradient of each input that <c>wants</c> one. Operators whose outputs carry no gradient (Shape, Cast, comparisons)
/// stop propagation instead.
/// </summary>
internal static class AdjointRules
{
    public delegate void Rule(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["Conv"] = LinearAdjoints.Conv,
        ["Gemm"] = LinearAdjoints.Gemm,
        ["MatMul"] = MatrixAdjoints.MatMul,
        ["BatchNormalization"] = LinearAdjoints.BatchNorm,
        ["MaxPool"] = PoolAdjoints.MaxPool,
        ["GlobalAveragePool"] = PoolAdjoints.GlobalAveragePool,
        ["AveragePool"] = PoolAdjoints.AveragePool,
        ["ReduceMean"] = PoolAdjoints.ReduceMean,
        ["ReduceSum"] = PoolAdjoints.ReduceSum,
        ["Flatten"] = Reshape,
        ["Reshape"] = Reshape,
        ["Squeeze"] = Reshape,
        ["Unsqueeze"] = Reshape,
        ["Identity"] = Pass,
        ["Dropout"] = Pass,

        // Straight through (Bengio et al. 2013): a QDQ pair's rounding has no useful gradient, its scales cancel.
        ["QuantizeLinear"] = Pass,
        ["DequantizeLinear"] = Pass,
        ["Transpose"] = Transpose,
        ["Concat"] = Concat,
        ["Pad"] = Pad,
        ["Relu"] = ElementwiseAdjoints.Relu,
        ["Clip"] = ElementwiseAdjoints.Clip,
        ["HardSigmoid"] = ElementwiseAdjoints.HardSigmoid,
        ["HardSwish"] = ElementwiseAdjoints.HardSwish,
        ["Sigmoid"] = ElementwiseAdjoints.Sigmoid,
        ["Add"] = ElementwiseAdjoints.Add,
        ["Sub"] = ElementwiseAdjoints.Sub,
        ["Sum"] = ElementwiseAdjoints.Add,
        ["Mul"] = ElementwiseAdjoints.Mul,
        ["Div"] = ElementwiseAdjoints.Div,
        ["Tanh"] = NonlinearAdjoints.Tanh,
        ["LeakyRelu"] = NonlinearAdjoints.LeakyRelu,
        ["PRelu"] = NonlinearAdjoints.PRelu,
        ["Elu"] = NonlinearAdjoints.Elu,
        ["Exp"] = NonlinearAdjoints.Exp,
        ["Log"] = NonlinearAdjoints.Log,
        ["Neg"] = NonlinearAdjoints.Neg,
        ["Abs"] = NonlinearAdjoints.Abs,
        ["Sqrt"] = NonlinearAdjoints.Sqrt,
        ["Pow"] = NonlinearAdjoints.Pow,
        ["Reciprocal"] = NonlinearAdjoints.Reciprocal,
        ["Erf"] = NonlinearAdjoints.Erf,
        ["Softmax"] = NormalisationAdjoints.Softmax,
        ["LogSoftmax"] = NormalisationAdjoints.LogSoftmax,
        ["LayerNormalization"] = NormalisationAdjoints.LayerNormalization,
        ["ReduceL2"] = NormalisationAdjoints.ReduceL2,
        ["Where"] = BroadcastAdjoints.Where,
        ["Max"] = BroadcastAdjoints.Max,
        ["Min"] = BroadcastAdjoints.Min,
        ["Expand"] = BroadcastAdjoints.Expand,
        ["Tile"] = BroadcastAdjoints.Tile,
        ["Resize"] = ResamplingAdjoints.Resize,
        ["Upsample"] = ResamplingAdjoints.Resize,
        ["ConvTranspose"] = ResamplingAdjoints.ConvTranspose,
        ["Slice"] = IndexingAdjoints.Slice,
        ["Split"] = IndexingAdjoints.Split,
        ["Gather"] = IndexingAdjoints.Gather,
        ["GlobalMaxPool"] = PoolAdjoints.GlobalMaxPool,
        ["ReduceMax"] = PoolAdjoints.ReduceMax,
    };

    private static readonly HashSet<string> NonDifferentiable = new(StringComparer.Ordinal)
    {
        "Shape", "Size", "Cast", "ConstantOfShape", "Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual",
        "Not", "And", "Or", "ArgMax", "ArgMin", "NonZero", "Constant",
    };

    public static IReadOnlyCollection<string> Supported => Rules.Keys;

    public static bool IsSupported(string op) => Rules.ContainsKey(op);

    /// <summary>Input positions through which a gradient can flow; weights and shape inputs are treated as constants.</summary>
    public static IEnumerable<int> DifferentiableInputs(NodeProto node) => node.OpType switch
    {
        _ when NonDifferentiable.Contains(node.OpType) => [],
        "Conv" or "Reshape" or "Clip" or "BatchNormalization" or "MaxPool" or "AveragePool" or "Dropout" or "Squeeze" or "Unsqueeze"
            or "ReduceMean" or "ReduceSum" or "ReduceL2" or "Expand" or "Tile" or "Pad" or "Slice" or "QuantizeLinear" or "DequantizeLinear" => [0],
        "ConvTranspose" or "Resize" or "Upsample" or "Split" or "Gather" or "ReduceMax" => [0],
        "Where" => [1, 2],
        _ => Enumerable.Range(0, node.Input.Count).Where(i => node.Input[i].Length > 0),
    };

    public static void Apply(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var rule = Rules.TryGetValue(node.OpType, out var r) ? r : throw NoRule(node, c.Source);
        if (c.Relevance is null || !RelevanceAdjoints.Apply(node, dY, c, wants, give, rule))
        {
            rule(node, dY, c, wants, give);
        }
    }

    public static GradientException NoRule(NodeProto node, string source) => new(
        $"'{source}': no backward rule for operator {node.OpType} (node '{node.Name}'), which lies between the differentiated tensor and the target. " +
        (QuantizedWeights.IntegerOps.Contains(node.OpType)
            ? $"{node.OpType} computes in integers, through which neither gradients nor relevance flow. Export the model in QDQ format instead " +
              "(float operators between QuantizeLinear/DequantizeLinear pairs: onnxruntime's quantize_static with quant_format=QuantFormat.QDQ), " +
              "audit its float original, or explain it with a perturbation method (occlusion, RISE)."
            : $"Supported operators: {string.Join(", ", Rules.Keys.Order(StringComparer.Ordinal))}."));

    private static void Reshape(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        give(0, c.Emit.ReshapeLike(dY, node.Input[0]));

    private static void Pass(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) => give(0, dY);

    /// <summary>Pad (constant mode) → the padded border gets no gradient: dY is cut back to the input's extent.</summary>
    private static void Pad(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var mode = node.GetString("mode", "constant");
        if (mode != "constant")
        {
            throw c.Unsupported(node, $"it pads in {mode} mode; constant padding is supported");
        }

        var pads = node.GetInts("pads")
            ?? (node.Input.Count > 1 && node.Input[1].Length > 0 ? c.ConstantInts(node.Input[1], node) : null)
            ?? throw c.Unsupported(node, "it has no pads");
        var shape = c.Shape(node.Input[0]);
        var rank = shape.Length + 1;
        if (pads.Length != 2 * rank || pads[0] != 0 || pads[rank] != 0 || pads.Any(p => p < 0))
        {
            throw c.Unsupported(node, $"its pads [{string.Join(", ", pads)}] pad the batch axis or crop; only non-negative padding of the per-sample axes is supported");
        }

        var axes = Enumerable.Range(1, rank - 1).Select(a => (long)a).ToArray();
        var starts = axes.Select(a => pads[a]).ToArray();
        var ends = axes.Select(a => pads[a] + shape[a - 1]).ToArray();
        give(0, c.Emit.Slice(dY, starts, ends, axes));
    }

    /// <summary>Concat → each input gets its own slice of dY along the concatenated axis (DenseNet's and Inception's joins).</summary>
    private static void Concat(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var rank = c.Shape(node.Input[0]).Length + 1;
        var axis = node.GetInt("axis", 1);
        axis = axis < 0 ? axis + rank : axis;
        if (axis == 0)
        {
            throw c.Unsupported(node, "it concatenates along the batch axis");
        }

        long start = 0;
        for (var i = 0; i < node.Input.Count; i++)
        {
            var size = c.Shape(node.Input[i])[(int)axis - 1];
            if (wants(i))
            {
                give(i, c.Emit.Slice(dY, [start], [start + size], [axis]));
            }

            start += size;
        }
    }

    private static void Transpose(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var perm = node.GetInts("perm") ?? Enumerable.Range(0, c.Shape(node.Input[0]).Length + 1).Reverse().Select(i => (long)i).ToArray();
        var inverse = new long[perm.Length];
        for (var i = 0; i < perm.Length; i++)
        {
            inverse[perm[i]] = i;
        }

        give(0, c.Emit.Node("Transpose", [dY], OnnxAttributes.Ints("perm", inverse)));
    }
}
