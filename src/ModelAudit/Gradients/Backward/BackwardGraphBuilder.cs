using Google.Protobuf;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Derives a forward+backward ONNX graph: the model's nodes, then the adjoint of every node between the
/// differentiated tensor and the target, in reverse order. A per-sample <see cref="SeedInput"/> of the target's shape
/// selects what is differentiated (a one-hot row picks one logit per image), so batches work. Outputs: the target,
/// the gradient, and the differentiated tensor itself when it is an inner one. A graph with several targets and
/// differentiated tensors (one segment of a checkpointed backward pass) takes a seed per target, <see cref="SeedName"/>,
/// and gives a gradient per differentiated tensor, <see cref="GradientName"/>.
/// </summary>
internal sealed class BackwardGraphBuilder
{
    public const string SeedInput = "modelaudit.seed";
    public const string GradientOutput = "modelaudit.gradient";

    private readonly ModelProto _model;
    private readonly string _source;
    private readonly string[] _targets;
    private readonly string[] _wrts;
    private readonly HashSet<string> _differentiable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _needed = new(StringComparer.Ordinal);
    private readonly List<int> _active = [];
    private Dictionary<string, NodeProto>? _producers;

    private static readonly HashSet<string> GlobalPools = new(["GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceMax", "ReduceSum"], StringComparer.Ordinal);

    /// <summary>
    /// With <paramref name="localOnly"/> global pools are treated as constants (no gradient through them); with
    /// <paramref name="canonise"/> each batch norm after a conv is folded into it first (for relevance propagation).
    /// </summary>
    public BackwardGraphBuilder(ModelProto model, string source, string target, string wrt, bool localOnly = false, bool canonise = false)
        : this(model, source, [target], [wrt], localOnly, canonise)
    {
    }

    /// <summary>The gradients of Σ_k seed_k·target_k with respect to each of <paramref name="wrts"/>.</summary>
    public BackwardGraphBuilder(ModelProto model, string source, IReadOnlyList<string> targets, IReadOnlyList<string> wrts, bool localOnly = false, bool canonise = false)
    {
        model = canonise ? BatchNormFolding.Fold(model, source) : model;
        (_model, _source, _targets, _wrts) = (model, source, [.. targets], [.. wrts]);
        if (targets.FirstOrDefault(wrts.Contains) is { } same)
        {
            throw new GradientException($"'{source}': the target and the differentiated tensor are the same tensor '{same}'.");
        }

        var nodes = model.Graph.Node;
        var known = nodes.SelectMany(n => n.Output).Concat(model.Graph.Input.Select(i => i.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in targets.Concat(wrts).Where(n => !known.Contains(n)))
        {
            throw new GradientException($"'{source}' has no tensor named '{name}'. Run `modelaudit inspect` to list its tensors.");
        }

        // Forward sweep: which tensors depend on wrt through differentiable inputs.
        _differentiable.UnionWith(wrts);
        var reached = new bool[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!(localOnly && GlobalPools.Contains(nodes[i].OpType)) && AdjointRules.DifferentiableInputs(nodes[i]).Any(k => _differentiable.Contains(nodes[i].Input[k])))
            {
                reached[i] = true;
                _differentiable.UnionWith(nodes[i].Output.Where(o => o.Length > 0));
            }
        }

        if (targets.FirstOrDefault(t => !_differentiable.Contains(t)) is { } target)
        {
            throw new GradientException($"'{source}': target '{target}' does not depend on '{string.Join("' or '", wrts)}', so its gradient is zero everywhere.");
        }

        // Backward sweep: keep the nodes whose outputs lead to a target.
        _needed.UnionWith(targets);
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            if (reached[i] && nodes[i].Output.Any(_needed.Contains))
            {
                _active.Add(i);
                foreach (var k in AdjointRules.DifferentiableInputs(nodes[i]).Where(k => _differentiable.Contains(nodes[i].Input[k])))
                {
                    _needed.Add(nodes[i].Input[k]);
                }
            }
        }

        var unsupported = _active.Select(i => nodes[i]).FirstOrDefault(n => !AdjointRules.IsSupported(n.OpType));
        if (unsupported is not null)
        {
            throw AdjointRules.NoRule(unsupported, source);
        }
    }

    /// <summary>
    /// Tensors whose per-sample shapes the rules need: every differentiable tensor on the path but the graph input, and
    /// every computed input of a Concat on it (its rule slices dY by the sizes of all its inputs).
    /// </summary>
    public IReadOnlyList<string> ShapeTensors =>
        _active.Select(i => _model.Graph.Node[i])
            .SelectMany(n => n.Input.Concat(n.Output.Take(1)).Where(t => _differentiable.Contains(t) || (n.OpType == "Concat" && t.Length > 0 && !IsInitializer(t))))
            .Where(t => _model.Graph.Input.All(i => i.Name != t))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The seed input of the <paramref name="k"/>-th target: <see cref="SeedInput"/> for the first.</summary>
    public static string SeedName(int k) => k == 0 ? SeedInput : $"{SeedInput}.{k}";

    /// <summary>The gradient output of the <paramref name="k"/>-th differentiated tensor: <see cref="GradientOutput"/> for the first.</summary>
    public static string GradientName(int k) => k == 0 ? GradientOutput : $"{GradientOutput}.{k}";

    private bool IsInitializer(string tensor) => _model.Graph.Initializer.Any(i => i.Name == tensor);

    /// <summary>
    /// Emits the forward+backward model. <paramref name="shapes"/> holds per-sample shapes of <see cref="ShapeTensors"/> and the input.
    /// With <paramref name="squareTarget"/> the backward pass starts from seed ⊙ target, the gradient of Σ seed·target²/2
    /// (DeepDream's objective), so no second pass is needed to fetch the target first.
    /// </summary>
    /// <param name="rule">How gradients cross ReLUs.</param>
    /// <param name="shapes">Per-sample shapes of <see cref="ShapeTensors"/> and the input.</param>
    /// <param name="squareTarget">Start from seed ⊙ target.</param>
    /// <param name="batchAxes">Tensors whose batch axis is not 0, with where it is.</param>
    /// <param name="relevance">Propagate relevance by these rules instead of gradients.</param>
    public byte[] Build(ReluRule rule, IReadOnlyDictionary<string, int[]> shapes, bool squareTarget = false, IReadOnlyDictionary<string, int>? batchAxes = null, RelevanceRules? relevance = null)
    {
        var copy = _model.Clone();
        var graph = copy.Graph;
        var opset = (int)copy.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (opset < 9)
        {
            throw new GradientException($"'{_source}' uses opset {opset}; gradients need opset 9 or later.");
        }

        var constants = new ConstantTensors(graph, _source);
        var emit = new GraphEmitter(graph, opset);
        var grads = _targets.Select((t, k) => (t, k)).ToDictionary(
            p => p.t, p => new List<string> { squareTarget ? emit.Mul(SeedName(p.k), p.t) : SeedName(p.k) }, StringComparer.Ordinal);
        var context = new AdjointContext(emit, shapes, constants, rule, _source, tensor => Accumulate(grads, tensor, emit), batchAxes, relevance, ImageTensors(graph), DependsOn);
        foreach (var index in _active)
        {
            var node = graph.Node[index];

            // A node runs its rule when any output carries gradient; a first output that carries none gets zeros.
            if (!node.Output.Any(grads.ContainsKey))
            {
                continue;
            }

            var dY = context.OutputGradient(node.Output[0]);
            AdjointRules.Apply(node, dY, context,
                k => k < node.Input.Count && _needed.Contains(node.Input[k]) && _differentiable.Contains(node.Input[k]),
                (k, g) => (grads.TryGetValue(node.Input[k], out var list) ? list : grads[node.Input[k]] = []).Add(g));
        }

        for (var k = 0; k < _wrts.Length; k++)
        {
            // A differentiated tensor that reaches no target (another one's does) has a zero gradient.
            var gradient = Accumulate(grads, _wrts[k], emit) ?? emit.Mul(_wrts[k], emit.Scalar(0));
            graph.Node.Add(new NodeProto { OpType = "Identity", Name = GradientName(k), Input = { gradient }, Output = { GradientName(k) } });
        }

        graph.Input.AddRange(_targets.Select((t, k) => Float(SeedName(k), shapes[t])));
        graph.Output.Clear();
        graph.Output.AddRange(_targets.Select(t => Float(t, null)));
        graph.Output.AddRange(_wrts.Select((_, k) => Float(GradientName(k), null)));
        if (_wrts.Length == 1 && graph.Input.All(i => i.Name != _wrts[0]))
        {
            graph.Output.Add(Float(_wrts[0], null));
        }

        return copy.ToByteArray();
    }

    /// <summary>The differentiated tensor and what only reshapes or quantizes it: where a first layer reads the image.</summary>
    private HashSet<string> ImageTensors(GraphProto graph)
    {
        var image = new HashSet<string>(_wrts, StringComparer.Ordinal);
        foreach (var n in graph.Node.Where(n => n.OpType is "Flatten" or "Reshape" or "Squeeze" or "Unsqueeze" or "Identity" or "QuantizeLinear" or "DequantizeLinear" && n.Input.Count > 0 && image.Contains(n.Input[0])))
        {
            image.Add(n.Output[0]);
        }

        return image;
    }

    /// <summary>Whether <paramref name="tensor"/> is computed from <paramref name="ancestor"/>: a walk up the model's producers.</summary>
    private bool DependsOn(string tensor, string ancestor)
    {
        var producers = _producers ??= _model.Graph.Node.SelectMany(n => n.Output.Where(o => o.Length > 0).Select(o => (o, n)))
            .ToDictionary(p => p.o, p => p.n, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([tensor]);
        while (pending.TryPop(out var t))
        {
            if (producers.TryGetValue(t, out var node))
            {
                foreach (var input in node.Input.Where(i => i.Length > 0 && seen.Add(i)))
                {
                    if (input == ancestor)
                    {
                        return true;
                    }

                    pending.Push(input);
                }
            }
        }

        return false;
    }

    /// <summary>The gradients reaching <paramref name="tensor"/>, summed once and kept summed.</summary>
    private static string? Accumulate(Dictionary<string, List<string>> grads, string tensor, GraphEmitter emit)
    {
        if (!grads.TryGetValue(tensor, out var list) || list.Count == 0)
        {
            return null;
        }

        if (list.Count > 1)
        {
            grads[tensor] = list = [emit.Node("Sum", [.. list])];
        }

        return list[0];
    }

    private static ValueInfoProto Float(string name, int[]? sampleShape)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = 1 };
        if (sampleShape is not null)
        {
            tensor.Shape = new TensorShapeProto();
            tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
            foreach (var d in sampleShape)
            {
                tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
            }
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
