using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Activations;

/// <summary>The graph walk behind <see cref="ReceptiveField.Of"/>, memoised per tensor.</summary>
internal static class ReceptiveFieldWalker
{
    private static readonly HashSet<string> ShapePreserving = new(StringComparer.Ordinal)
    {
        "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Clip", "Softplus",
        "Mish", "Gelu", "Erf", "BatchNormalization", "InstanceNormalization", "Dropout", "Identity", "Cast",
        "Add", "Sub", "Mul", "Div", "Max", "Min", "Sum", "Mean", "Concat", "Abs", "Neg", "Sqrt", "Pow", "Exp",
        "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear",
    };

    private static readonly HashSet<string> Global = new(StringComparer.Ordinal)
    {
        "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceMax", "ReduceSum",
    };

    public static ReceptiveField Walk(ModelGraph graph, string tensor)
    {
        var memo = new Dictionary<string, ReceptiveField?>(StringComparer.Ordinal);
        return Field(graph, tensor, memo)
            ?? throw new NotSupportedException($"Tensor '{tensor}' only depends on the input through a global pool; every position sees the whole image.");
    }

    // Null means "global": the tensor carries one value per channel, not a spatial map.
    private static ReceptiveField? Field(ModelGraph graph, string tensor, Dictionary<string, ReceptiveField?> memo)
    {
        if (memo.TryGetValue(tensor, out var known))
        {
            return known;
        }

        if (graph.Inputs.Any(i => i.Name == tensor))
        {
            return ReceptiveField.Identity;
        }

        var node = graph.ProducerOf(tensor)
            ?? throw new ArgumentException($"'{graph.Source}' has no tensor named '{tensor}' produced by a node.", nameof(tensor));
        var data = node.Inputs.Where(i => i.Length > 0 && !graph.HasConstant(i)).ToArray();
        ReceptiveField? result;
        if (Global.Contains(node.OpType))
        {
            result = null;
        }
        else if (node.OpType is "Conv" or "QLinearConv" or "ConvInteger" or "MaxPool" or "AveragePool")
        {
            var before = data.Length > 0 ? Field(graph, data[0], memo) : null;
            result = before is null ? null : Window(graph, node, before);
        }
        else if (ShapePreserving.Contains(node.OpType))
        {
            result = data.Select(d => Field(graph, d, memo)).OfType<ReceptiveField>().Aggregate((ReceptiveField?)null, (acc, f) => acc is null ? f : acc.Union(f));
        }
        else
        {
            throw new NotSupportedException($"Cannot trace the receptive field of '{tensor}' through {node.OpType} node '{node.Name}'; supported: Conv, MaxPool, AveragePool, global pools and element-wise ops.");
        }

        memo[tensor] = result;
        return result;
    }

    private static ReceptiveField Window(ModelGraph graph, GraphNode node, ReceptiveField before)
    {
        var attributes = graph.Proto.Graph.Node[node.Index].Attribute;
        int[] Ints(string name, int fill, int count)
        {
            var a = attributes.FirstOrDefault(x => x.Name == name);
            return a is not null && a.Ints.Count > 0 ? a.Ints.Select(i => (int)i).ToArray() : Enumerable.Repeat(fill, count).ToArray();
        }

        int[] kernel;
        if (node.OpType is "Conv" or "QLinearConv" or "ConvInteger")
        {
            var shape = graph.Conv(node.Name).WeightShape;
            kernel = Ints("kernel_shape", 0, 2) is [> 0, > 0] k ? k
                : shape.Count == 4 ? [shape[2], shape[3]]
                : throw new NotSupportedException($"Node '{node.Name}' has no kernel_shape and its weights are computed at run time; its receptive field cannot be traced.");
        }
        else
        {
            kernel = Ints("kernel_shape", 1, 2);
        }

        if (kernel.Length != 2)
        {
            throw new NotSupportedException($"Node '{node.Name}' has a {kernel.Length}-D kernel; only 2-D receptive fields are traced.");
        }

        var strides = Ints("strides", 1, 2);
        var dilations = Ints("dilations", 1, 2);
        var pads = Ints("pads", 0, 4);
        var autoPad = attributes.FirstOrDefault(x => x.Name == "auto_pad")?.S.ToStringUtf8() ?? "NOTSET";
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            if (strides.Any(s => s != 1))
            {
                throw new NotSupportedException($"Node '{node.Name}' uses auto_pad {autoPad} with stride {strides[0]}x{strides[1]}; its padding depends on the input size, which is not traced.");
            }

            // With stride 1, SAME pads the total (effective kernel − 1), the odd pixel at the end (UPPER) or the start (LOWER).
            int Begin(int axis)
            {
                var total = dilations[axis] * (kernel[axis] - 1);
                return autoPad == "SAME_UPPER" ? total / 2 : total - (total / 2);
            }

            pads = [Begin(0), Begin(1), 0, 0];
        }
        else if (autoPad == "VALID")
        {
            pads = [0, 0, 0, 0];
        }

        return before.Then(kernel[0], kernel[1], strides[0], strides[1], pads[0], pads[1], dilations[0], dilations[1]);
    }
}
