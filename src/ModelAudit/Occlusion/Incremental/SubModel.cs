using Google.Protobuf;
using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>Graph surgery for incremental occlusion: the part of a model between two tensors, as a model of its own.</summary>
internal static class SubModel
{
    /// <summary>
    /// A model whose input is <paramref name="from"/> (batch, channels and both spatial sizes left dynamic) and whose
    /// output is <paramref name="to"/>, holding only the nodes and initializers on the way. Shape annotations of inner
    /// tensors are dropped: the crops it runs on are smaller than the image the model was exported for.
    /// </summary>
    public static byte[] Between(GraphLocality locality, string from, string to)
    {
        var nodes = locality.NodesBetween(from, to)
            ?? throw new InvalidOperationException($"'{to}' depends on the input along a path that avoids '{from}'; the graph cannot be split there.");
        var source = locality.Graph.Proto;
        var graph = new GraphProto { Name = $"{source.Graph.Name}:{from}->{to}" };
        graph.Node.AddRange(nodes.Select(i => source.Graph.Node[i].Clone()));
        var used = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        graph.Initializer.AddRange(source.Graph.Initializer.Where(i => used.Contains(i.Name)).Select(i => i.Clone()));
        graph.Input.Add(Dynamic(from, 4));
        var output = source.Graph.Output.FirstOrDefault(o => o.Name == to)?.Clone();
        graph.Output.Add(output ?? new ValueInfoProto
        {
            Name = to,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } },
        });

        var model = new ModelProto
        {
            IrVersion = source.IrVersion,
            ProducerName = source.ProducerName,
            ProducerVersion = source.ProducerVersion,
            Graph = graph,
        };
        model.OpsetImport.AddRange(source.OpsetImport.Select(o => o.Clone()));
        return model.ToByteArray();
    }

    private static ValueInfoProto Dynamic(string name, int rank)
    {
        var shape = new TensorShapeProto();
        for (var d = 0; d < rank; d++)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = $"d{d}" });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
