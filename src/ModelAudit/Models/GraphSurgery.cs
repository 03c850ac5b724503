using Google.Protobuf;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Models;

/// <summary>Edits a copy of an ONNX graph; the original message is never changed.</summary>
internal static class GraphSurgery
{
    /// <summary>
    /// Returns the model's bytes with <paramref name="tensors"/> added as graph outputs (typed as their producer makes
    /// them: float, or the integers of a quantized op; shape left to inference).
    /// </summary>
    public static byte[] AddOutputs(ModelGraph graph, IReadOnlyList<string> tensors)
    {
        var copy = graph.Proto.Clone();
        var existing = copy.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        // Any node output: shape probes read integer tensors too. Users' taps are checked against TappableTensors first.
        var known = graph.Nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0).ToHashSet(StringComparer.Ordinal);
        foreach (var name in tensors)
        {
            if (existing.Contains(name))
            {
                continue;
            }

            if (!known.Contains(name))
            {
                throw new InvalidModelException(
                    $"'{graph.Source}' has no intermediate tensor named '{name}'. Run `modelaudit inspect` to list the tappable tensors.");
            }

            var typed = copy.Graph.ValueInfo.FirstOrDefault(v => v.Name == name);
            copy.Graph.Output.Add(typed?.Clone() ?? new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = ElementType(graph, name) } },
            });
            existing.Add(name);
        }

        return copy.ToByteArray();
    }

    /// <summary>The ONNX element type a node output has when the file does not say: float unless a quantized op makes it.</summary>
    private static int ElementType(ModelGraph graph, string tensor)
    {
        var producer = graph.ProducerOf(tensor);
        var node = producer is null ? null : graph.Proto.Graph.Node[producer.Index];
        int ZeroPointType(int index, int fallback) =>
            node!.Input.Count > index && graph.Constant(node.Input[index]) is { } zeroPoint ? zeroPoint.DataType : fallback;
        return node?.OpType switch
        {
            "QuantizeLinear" => ZeroPointType(2, 2),
            "QLinearConv" or "QLinearMatMul" => ZeroPointType(7, 2),
            "DynamicQuantizeLinear" => tensor == node.Output[1] ? 1 : 2,
            "ConvInteger" or "MatMulInteger" => 6,
            _ => 1,
        };
    }
}
