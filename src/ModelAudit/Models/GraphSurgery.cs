using Google.Protobuf;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Models;

/// <summary>Edits a copy of an ONNX graph; the original message is never changed.</summary>
internal static class GraphSurgery
{
    /// <summary>Returns the model's bytes with <paramref name="tensors"/> added as graph outputs (float, shape left to inference).</summary>
    public static byte[] AddOutputs(ModelGraph graph, IReadOnlyList<string> tensors)
    {
        var copy = graph.Proto.Clone();
        var existing = copy.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var known = graph.TappableTensors.ToHashSet(StringComparer.Ordinal);
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
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } },
            });
            existing.Add(name);
        }

        return copy.ToByteArray();
    }
}
