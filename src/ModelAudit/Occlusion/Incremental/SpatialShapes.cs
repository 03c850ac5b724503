using ModelAudit.Models.Onnx;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// Spatial sizes and multiply-adds of a run of nodes, for the cost model. Conv and pooling sizes follow the ONNX
/// formulas; global pools give 1×1; every other op keeps its first input's size. Only convolutions and fully
/// connected layers are counted: they are nearly all of a CNN's arithmetic.
/// </summary>
internal static class SpatialShapes
{
    public static (Dictionary<string, (int H, int W)> Sizes, double MultiplyAdds) Propagate(GraphLocality locality, IEnumerable<int> nodes, string start, int height, int width)
    {
        var graph = locality.Graph.Proto.Graph;
        var sizes = new Dictionary<string, (int H, int W)>(StringComparer.Ordinal) { [start] = (height, width) };
        double total = 0;
        foreach (var index in nodes)
        {
            var node = graph.Node[index];
            var data = node.Input.FirstOrDefault(i => i.Length > 0 && sizes.ContainsKey(i));
            if (data is null)
            {
                continue;
            }

            var (h, w) = sizes[data];
            (int H, int W) size = node.OpType switch
            {
                "Conv" or "MaxPool" or "AveragePool" => Windowed(node, h, w, node.OpType == "Conv" ? KernelOf(locality, node) : null),
                "GlobalAveragePool" or "GlobalMaxPool" or "ReduceMean" or "ReduceMax" or "ReduceSum" => (1, 1),
                _ => (h, w),
            };
            if (node.OpType is "Conv" or "Gemm" or "MatMul")
            {
                var weight = node.Input.Skip(1).FirstOrDefault(i => locality.Constants.Contains(i));
                var count = weight is null ? 0 : ElementCount(locality, weight);
                total += node.OpType == "Conv" ? count * (double)size.H * size.W : count;
            }

            foreach (var o in node.Output)
            {
                sizes[o] = size;
            }
        }

        return (sizes, total);
    }

    private static (int H, int W) Windowed(NodeProto node, int h, int w, (int H, int W)? convKernel)
    {
        long[] Ints(string name, long fill) => node.GetInts(name) is { Length: > 0 } values ? values : [fill, fill, fill, fill];
        var kernel = node.GetInts("kernel_shape") is { Length: 2 } k ? ((int)k[0], (int)k[1]) : convKernel ?? (1, 1);
        var strides = Ints("strides", 1);
        var dilations = Ints("dilations", 1);
        var pads = Ints("pads", 0);
        var ceil = node.GetInt("ceil_mode", 0) == 1;
        var autoPad = node.GetString("auto_pad", "NOTSET");
        int Axis(int n, int axis, int k)
        {
            if (autoPad is "SAME_UPPER" or "SAME_LOWER")
            {
                return (int)((n + strides[axis] - 1) / strides[axis]);
            }

            var span = n + (autoPad == "VALID" ? 0 : pads[axis] + pads[axis + 2]) - ((dilations[axis] * (k - 1)) + 1);
            return (int)((ceil ? (span + strides[axis] - 1) / strides[axis] : span / strides[axis]) + 1);
        }

        return (Axis(h, 0, kernel.Item1), Axis(w, 1, kernel.Item2));
    }

    public static (int H, int W)? KernelOf(GraphLocality locality, NodeProto node) =>
        Dims(locality, node.Input[1]) is { Length: 4 } d ? ((int)d[2], (int)d[3]) : null;

    private static double ElementCount(GraphLocality locality, string tensor) =>
        Dims(locality, tensor) is { } d ? d.Aggregate(1.0, (a, b) => a * b) : 0;

    /// <summary>Dims of a constant, looking through the Identity nodes some exporters put in front of weights.</summary>
    public static long[]? Dims(GraphLocality locality, string tensor)
    {
        var graph = locality.Graph.Proto.Graph;
        for (var hops = 0; hops < 8; hops++)
        {
            var init = graph.Initializer.FirstOrDefault(i => i.Name == tensor);
            if (init is not null)
            {
                return [.. init.Dims];
            }

            var producer = graph.Node.FirstOrDefault(n => n.Output.Contains(tensor));
            if (producer?.OpType == "Constant")
            {
                return producer.Attribute.FirstOrDefault(a => a.Name == "value")?.T?.Dims.ToArray();
            }

            if (producer?.OpType != "Identity")
            {
                return null;
            }

            tensor = producer.Input[0];
        }

        return null;
    }
}
