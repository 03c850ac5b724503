using ModelAudit.Models.Onnx;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// A model's local prefix cut into <see cref="IncrementalUnit"/>s, in graph order, for one input size. The suffix can
/// start after any unit whose output is a cut.
/// </summary>
internal sealed class UnitGraph
{
    public UnitGraph(GraphLocality locality, int channels, int height, int width)
    {
        Locality = locality;
        var graph = locality.Graph.Proto.Graph;
        var all = Enumerable.Range(0, graph.Node.Count).ToArray();
        (Sizes, FullMultiplyAdds) = SpatialShapes.Propagate(locality, all, locality.Input, height, width);
        var local = locality.LocalTensors.ToHashSet(StringComparer.Ordinal);
        var consumers = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name))
            .GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var channelsOf = new Dictionary<string, int>(StringComparer.Ordinal) { [locality.Input] = channels };
        var units = new List<IncrementalUnit>();
        Building? open = null;
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            if (!node.Output.Any(local.Contains))
            {
                continue;
            }

            var data = node.Input.Where(t => t.Length > 0 && !locality.Constants.Contains(t)).ToArray();
            if (!Supported(node, out var windowed) || !data.All(channelsOf.ContainsKey))
            {
                // The prefix ends here: later units could not be computed on crops.
                break;
            }

            var outputChannels = Channels(locality, node, data, channelsOf);
            if (outputChannels <= 0)
            {
                break;
            }

            channelsOf[node.Output[0]] = outputChannels;
            if (open is not null && !windowed && data.Contains(open.Output) && consumers.GetValueOrDefault(open.Output) == 1)
            {
                open.Absorb(i, node, data);
            }
            else
            {
                if (open is not null)
                {
                    units.Add(open.Build(this, channelsOf));
                }

                open = new Building(i, node, data, windowed);
            }
        }

        if (open is not null)
        {
            units.Add(open.Build(this, channelsOf));
        }

        Units = units;
        var cuts = locality.Cuts.ToHashSet(StringComparer.Ordinal);
        Splits = units.Select(u => u.Output).Where(cuts.Contains).ToArray();
    }

    public GraphLocality Locality { get; }

    /// <summary>Spatial size of every tensor of the model at this input size.</summary>
    public Dictionary<string, (int H, int W)> Sizes { get; }

    /// <summary>Multiply-adds of one full pass.</summary>
    public double FullMultiplyAdds { get; }

    public IReadOnlyList<IncrementalUnit> Units { get; }

    /// <summary>The unit outputs the prefix can end at (cuts of the graph), shallowest first.</summary>
    public IReadOnlyList<string> Splits { get; }

    private static bool Supported(NodeProto node, out bool windowed)
    {
        windowed = node.OpType is "Conv" or "MaxPool" or "AveragePool";
        if (node.Output.Count > 1 && node.Output.Skip(1).Any(o => o.Length > 0))
        {
            // MaxPool's indices, Dropout's mask: positions would not survive cropping.
            return false;
        }

        // Without counting padding, an average near the edge divides by fewer values than a crop would show it.
        var autoPad = node.GetString("auto_pad", "NOTSET");
        return node.OpType != "AveragePool"
            || node.GetInt("count_include_pad", 0) == 1
            || autoPad == "VALID"
            || (autoPad == "NOTSET" && (node.GetInts("pads") ?? []).All(p => p == 0));
    }

    private static int Channels(GraphLocality locality, NodeProto node, string[] data, Dictionary<string, int> known) => node.OpType switch
    {
        "Conv" => SpatialShapes.Dims(locality, node.Input[1]) is { Length: 4 } d ? (int)d[0] : 0,
        "Concat" => data.Sum(t => known[t]),
        _ => data.Length == 0 ? 0 : known[data[0]],
    };

    /// <summary>Padding before the first position of <paramref name="axis"/> (0 rows, 1 columns), explicit or from auto_pad.</summary>
    private static int PadBefore(NodeProto node, int axis, int extent, int stride, int inputLength, int outputLength)
    {
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            var total = Math.Max(0, ((outputLength - 1) * stride) + extent - inputLength);
            return autoPad == "SAME_UPPER" ? total / 2 : total - (total / 2);
        }

        return autoPad == "VALID" ? 0 : node.GetInts("pads") is { Length: 4 } p ? (int)p[axis] : 0;
    }

    private AxisWindow Axis(NodeProto node, int axis, string input)
    {
        long At(string name) => node.GetInts(name) is { Length: 2 } values ? values[axis] : 1;
        var kernel = node.GetInts("kernel_shape") is { Length: 2 } k
            ? (int)k[axis]
            : SpatialShapes.KernelOf(Locality, node) is { } w ? (axis == 0 ? w.H : w.W) : 1;
        var extent = ((int)At("dilations") * (kernel - 1)) + 1;
        var stride = (int)At("strides");
        var length = axis == 0 ? Sizes[input].H : Sizes[input].W;
        var output = axis == 0 ? Sizes[node.Output[0]].H : Sizes[node.Output[0]].W;
        return new AxisWindow(extent, stride, PadBefore(node, axis, extent, stride, length, output), length, output);
    }

    /// <summary>A unit being gathered: its first node, then the element-wise nodes that take its output.</summary>
    private sealed class Building
    {
        private readonly List<int> _nodes;
        private readonly List<string> _sides = [];
        private readonly NodeProto _first;
        private readonly string? _windowed;

        public Building(int index, NodeProto node, string[] data, bool windowed)
        {
            _nodes = [index];
            _first = node;
            _windowed = windowed ? data[0] : null;
            _sides.AddRange(windowed ? [] : data.Distinct(StringComparer.Ordinal));
            Output = node.Output[0];
        }

        public string Output { get; private set; }

        public void Absorb(int index, NodeProto node, string[] data)
        {
            _nodes.Add(index);
            _sides.AddRange(data.Where(t => t != Output && !_sides.Contains(t)));
            Output = node.Output[0];
        }

        public IncrementalUnit Build(UnitGraph graph, Dictionary<string, int> channels)
        {
            var (h, w) = graph.Sizes[Output];
            var (y, x) = _windowed is null
                ? (AxisWindow.Identity(h), AxisWindow.Identity(w))
                : (graph.Axis(_first, 0, _windowed), graph.Axis(_first, 1, _windowed));
            var multiplyAdds = _first.OpType == "Conv" && SpatialShapes.Dims(graph.Locality, _first.Input[1]) is { } d ? d.Aggregate(1.0, (a, b) => a * b) : 0;
            var pad = _first.OpType == "MaxPool" ? float.NegativeInfinity : 0f;
            var inputs = (_windowed is null ? 0 : channels[_windowed], _sides.Sum(s => channels[s]), channels[Output]);
            return new IncrementalUnit(_nodes.ToArray(), _windowed, _sides.ToArray(), Output, y, x, pad, multiplyAdds, inputs);
        }
    }
}
