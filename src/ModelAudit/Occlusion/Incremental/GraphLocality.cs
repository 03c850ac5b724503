using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// Which tensors of a graph are local functions of the input (every value depends on a bounded patch of pixels, the
/// same way at every position), and which of those are cuts: tensors every path from the input to the output crosses.
/// Incremental occlusion can split the graph only at a local cut.
/// </summary>
internal sealed class GraphLocality
{
    private static readonly HashSet<string> Windowed = new(StringComparer.Ordinal) { "Conv", "MaxPool", "AveragePool" };

    // Element-wise ops: each output value reads the same position of its inputs. InstanceNormalization is left out
    // on purpose: its statistics span the whole map.
    private static readonly HashSet<string> ElementWise = new(StringComparer.Ordinal)
    {
        "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Clip", "Softplus",
        "Mish", "Gelu", "Erf", "BatchNormalization", "Dropout", "Identity", "Cast", "Add", "Sub", "Mul", "Div", "Max",
        "Min", "Sum", "Abs", "Neg", "Sqrt", "Pow", "Exp",
    };

    public GraphLocality(ModelGraph graph, string input, string output)
    {
        Graph = graph;
        Input = input;
        Output = output;
        var nodes = graph.Proto.Graph.Node;
        var constant = graph.Proto.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var local = new HashSet<string>(StringComparer.Ordinal) { input };
        var order = new List<string>();
        foreach (var node in nodes)
        {
            var data = node.Input.Where(i => i.Length > 0 && !constant.Contains(i)).ToArray();
            if (data.Length == 0)
            {
                // Constant nodes, and Identity or Reshape of weights, only ever produce constants.
                constant.UnionWith(node.Output);
                continue;
            }

            if (data.All(local.Contains) && IsLocalOp(node, constant))
            {
                local.UnionWith(node.Output);
                order.AddRange(node.Output);
            }
        }

        Constants = constant;
        LocalTensors = order;
        Cuts = order.Where(t => t != output && IsCut(t)).ToArray();
    }

    public ModelGraph Graph { get; }

    public string Input { get; }

    public string Output { get; }

    /// <summary>Tensors that depend on no input: initializers, Constant outputs and whatever is computed only from them.</summary>
    public IReadOnlySet<string> Constants { get; }

    /// <summary>Local tensors in graph order (the input excluded).</summary>
    public IReadOnlyList<string> LocalTensors { get; }

    /// <summary>Local tensors that every path from input to output crosses, in graph order.</summary>
    public IReadOnlyList<string> Cuts { get; }

    /// <summary>
    /// The nodes that compute <paramref name="to"/> from <paramref name="from"/> and constants, in graph order; null when
    /// <paramref name="to"/> also depends on the input along a path that avoids <paramref name="from"/>.
    /// </summary>
    public IReadOnlyList<int>? NodesBetween(string from, string to)
    {
        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = Graph.Proto.Graph.Node;
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var o in nodes[i].Output)
            {
                producers[o] = i;
            }
        }

        var needed = new SortedSet<int>();
        var pending = new Stack<string>([to]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var tensor = pending.Pop();
            if (tensor == from || !seen.Add(tensor))
            {
                continue;
            }

            if (tensor == Input)
            {
                return null;
            }

            if (!producers.TryGetValue(tensor, out var index))
            {
                continue;
            }

            needed.Add(index);
            foreach (var i in nodes[index].Input.Where(i => i.Length > 0))
            {
                pending.Push(i);
            }
        }

        return [.. needed];
    }

    private bool IsCut(string tensor) => NodesBetween(tensor, Output) is not null;

    private bool IsLocalOp(NodeProto node, HashSet<string> constant)
    {
        if (Windowed.Contains(node.OpType))
        {
            return node.GetString("auto_pad", "NOTSET") is "NOTSET" or "VALID" || (node.GetInts("strides") ?? []).All(s => s == 1);
        }

        if (node.OpType == "Concat")
        {
            return node.GetInt("axis", 0) == 1;
        }

        // A constant operand must broadcast over the spatial axes; a constant map (a positional bias) would tie values to positions.
        return ElementWise.Contains(node.OpType)
            && node.Input.Where(constant.Contains).All(c => ConstantDims(c) is not { Length: >= 3 } d || (d[^1] == 1 && d[^2] == 1));
    }

    private long[]? ConstantDims(string name)
    {
        var graph = Graph.Proto.Graph;
        var tensor = graph.Initializer.FirstOrDefault(i => i.Name == name)
            ?? graph.Node.FirstOrDefault(n => n.OpType == "Constant" && n.Output.Contains(name))?.Attribute.FirstOrDefault(a => a.Name == "value")?.T;
        return tensor?.Dims.ToArray();
    }
}
