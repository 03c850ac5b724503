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
        graph.Input.Add(Dynamic(from, ChannelsOf(locality, graph, from)));
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

    /// <summary>
    /// The channel count of <paramref name="tensor"/> read off a convolution that consumes it, or null. ONNX Runtime
    /// picks its blocked-layout convolution kernels only when it knows the channel count of a convolution's input.
    /// </summary>
    private static long? ChannelsOf(GraphLocality locality, GraphProto graph, string tensor)
    {
        foreach (var node in graph.Node.Where(n => n.OpType == "Conv" && n.Input[0] == tensor))
        {
            var group = node.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1;
            if (locality.Graph.Proto.Graph.Initializer.FirstOrDefault(i => i.Name == node.Input[1]) is { Dims.Count: 4 } weight)
            {
                return weight.Dims[1] * Math.Max(1, group);
            }
        }

        return null;
    }

    private static ValueInfoProto Dynamic(string name, long? channels)
    {
        var shape = new TensorShapeProto();
        for (var d = 0; d < 4; d++)
        {
            shape.Dim.Add(d == 1 && channels is { } c
                ? new TensorShapeProto.Types.Dimension { DimValue = c }
                : new TensorShapeProto.Types.Dimension { DimParam = $"d{d}" });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
