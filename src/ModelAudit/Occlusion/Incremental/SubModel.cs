using Google.Protobuf;
using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>Graph surgery for incremental occlusion: the part of a model between two tensors, as a model of its own.</summary>
internal static class SubModel
{
    /// <summary>
    /// A model whose input is <paramref name="from"/> (<paramref name="channels"/> channels; batch and both spatial
    /// sizes left dynamic) and whose output is <paramref name="to"/>, holding only the nodes and initializers on the way.
    /// </summary>
    public static ModelProto Between(GraphLocality locality, string from, int channels, string to)
    {
        var nodes = locality.NodesBetween(from, to)
            ?? throw new InvalidOperationException($"'{to}' depends on the input along a path that avoids '{from}'; the graph cannot be split there.");
        var source = locality.Graph.Proto.Graph;
        return Build(locality, $"{from}->{to}", nodes.Select(i => source.Node[i].Clone()), [Dynamic(from, channels)], [to]);
    }

    /// <summary>
    /// The nodes <paramref name="nodes"/> (indices in graph order) as a model whose inputs are <paramref name="inputs"/>,
    /// each with its full shape, batch axis included, and whose outputs are <paramref name="outputs"/>.
    /// </summary>
    public static ModelProto Segment(GraphLocality locality, string name, IEnumerable<int> nodes, IEnumerable<(string Name, long[] Shape)> inputs, IEnumerable<string> outputs)
    {
        var source = locality.Graph.Proto.Graph;
        return Build(locality, name, nodes.Select(i => source.Node[i].Clone()), inputs.Select(i => Fixed(i.Name, i.Shape)), outputs);
    }

    /// <summary>
    /// The prefix of the model up to <paramref name="split"/>, with every tensor in <paramref name="outputs"/> as an
    /// output: one run gives the clean image's activations that incremental units crop from.
    /// </summary>
    public static ModelProto Prefix(GraphLocality locality, string split, IEnumerable<string> outputs)
    {
        var source = locality.Graph.Proto.Graph;
        var nodes = locality.NodesBetween(locality.Input, split)!;
        var input = source.Input.First(i => i.Name == locality.Input).Clone();
        if (input.Type.TensorType.Shape is { Dim.Count: > 0 } shape)
        {
            // It runs one image: an export with a fixed batch size would refuse that (local operators do not care).
            shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimParam = "batch" };
        }

        return Build(locality, $"prefix->{split}", nodes.Select(i => source.Node[i].Clone()), [input], outputs.Distinct(StringComparer.Ordinal));
    }

    /// <summary>
    /// One incremental unit as a model: its windowed node reads the input <see cref="IncrementalUnit.CropInput"/> and
    /// has its padding removed (the crop brings it), its side inputs keep their names.
    /// </summary>
    public static ModelProto Unit(GraphLocality locality, IncrementalUnit unit)
    {
        var source = locality.Graph.Proto.Graph;
        var nodes = unit.Nodes.Select(i => source.Node[i].Clone()).ToArray();
        var inputs = new List<ValueInfoProto>();
        if (unit.Windowed is not null)
        {
            var windowed = nodes[0];
            windowed.Input[0] = unit.CropInput;
            foreach (var attribute in windowed.Attribute.Where(a => a.Name is "pads" or "auto_pad" or "ceil_mode").ToArray())
            {
                windowed.Attribute.Remove(attribute);
            }

            inputs.Add(Dynamic(unit.CropInput, unit.Channels.Windowed));
        }

        inputs.AddRange(unit.Sides.Select(s => Dynamic(s, null)));
        return Build(locality, $"unit->{unit.Output}", nodes, inputs, [unit.Output]);
    }

    private static ModelProto Build(GraphLocality locality, string name, IEnumerable<NodeProto> nodes, IEnumerable<ValueInfoProto> inputs, IEnumerable<string> outputs)
    {
        var source = locality.Graph.Proto;
        var graph = new GraphProto { Name = $"{source.Graph.Name}:{name}" };
        graph.Node.AddRange(WithConstantProducers(locality, nodes.ToArray()));
        var used = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        graph.Initializer.AddRange(source.Graph.Initializer.Where(i => used.Contains(i.Name)).Select(i => i.Clone()));
        graph.Input.AddRange(inputs);

        // Shape annotations of inner tensors are left out: crops are smaller than the image the model was exported for.
        graph.Output.AddRange(outputs.Select(o => new ValueInfoProto
        {
            Name = o,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } },
        }));
        var model = new ModelProto
        {
            IrVersion = source.IrVersion,
            ProducerName = source.ProducerName,
            ProducerVersion = source.ProducerVersion,
            Graph = graph,
        };
        model.OpsetImport.AddRange(source.OpsetImport.Select(o => o.Clone()));
        return model;
    }

    /// <summary>
    /// <paramref name="nodes"/> preceded by the nodes that compute their constant inputs (Constant nodes, Identity or
    /// Reshape of weights), in graph order: some exporters give weights that way instead of as initializers.
    /// </summary>
    private static IEnumerable<NodeProto> WithConstantProducers(GraphLocality locality, NodeProto[] nodes)
    {
        var source = locality.Graph.Proto.Graph;
        var produced = nodes.SelectMany(n => n.Output).ToHashSet(StringComparer.Ordinal);
        var initializers = source.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var needed = new SortedSet<int>();
        var pending = new Stack<string>(nodes.SelectMany(n => n.Input).Where(i => locality.Constants.Contains(i)));
        while (pending.Count > 0)
        {
            var tensor = pending.Pop();
            if (initializers.Contains(tensor) || !produced.Add(tensor))
            {
                continue;
            }

            for (var i = 0; i < source.Node.Count; i++)
            {
                if (source.Node[i].Output.Contains(tensor) && needed.Add(i))
                {
                    foreach (var input in source.Node[i].Input.Where(t => t.Length > 0))
                    {
                        pending.Push(input);
                    }
                }
            }
        }

        return needed.Select(i => source.Node[i].Clone()).Concat(nodes);
    }

    private static ValueInfoProto Fixed(string name, long[] shape)
    {
        var dims = new TensorShapeProto();
        dims.Dim.AddRange(shape.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = dims } } };
    }

    /// <summary>
    /// A 4-D float input with a fixed channel count (null: dynamic) and dynamic batch and spatial sizes. ONNX Runtime
    /// picks its blocked-layout convolution kernels only when it knows the channel count of a convolution's input.
    /// </summary>
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
