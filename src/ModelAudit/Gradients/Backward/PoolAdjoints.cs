using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>Adjoints of the pooling and reduction operators.</summary>
internal static class PoolAdjoints
{
    /// <summary>
    /// MaxPool → the gradient goes back to the argmax of each window ("switches"): the forward node also emits its
    /// Indices (which run over the whole N·C·H·W tensor), and dY is scattered into zeros of the flattened input.
    /// </summary>
    public static void MaxPool(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var kernel = node.GetInts("kernel_shape") ?? throw c.Unsupported(node, "it has no kernel_shape");
        var strides = node.GetInts("strides") ?? Enumerable.Repeat(1L, kernel.Length).ToArray();
        var dilations = node.GetInts("dilations") ?? Enumerable.Repeat(1L, kernel.Length).ToArray();
        for (var i = 0; i < kernel.Length; i++)
        {
            // Overlapping windows can pick one input twice; a plain scatter would keep one write instead of the sum.
            if (((kernel[i] - 1) * dilations[i]) + 1 > strides[i])
            {
                throw c.Unsupported(node, $"its windows overlap on axis {i} (kernel {kernel[i]}, stride {strides[i]})");
            }
        }

        if (node.Output.Count < 2)
        {
            node.Output.Add(c.Emit.Fresh("maxpool_indices"));
        }

        var flat = c.Emit.Int64s(-1);
        var zeros = c.Emit.Node("ConstantOfShape", [c.Emit.Node("Shape", [c.Emit.Node("Reshape", [node.Input[0], flat])])]);
        var indices = c.Emit.Node("Reshape", [node.Output[1], flat]);
        var updates = c.Emit.Node("Reshape", [dY, flat]);
        give(0, c.Emit.ReshapeLike(c.Emit.ScatterFlat(zeros, indices, updates), node.Input[0]));
    }

    /// <summary>GlobalAveragePool → dY / (H·W), spread over every position.</summary>
    public static void GlobalAveragePool(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var count = c.Shape(node.Input[0])[1..].Aggregate(1, (a, b) => a * b);
        Spread(node, dY, 1f / count, c, give);
    }

    public static void ReduceMean(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        Reduce(node, dY, mean: true, c, give);

    public static void ReduceSum(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        Reduce(node, dY, mean: false, c, give);

    private static void Reduce(NodeProto node, string dY, bool mean, AdjointContext c, Action<int, string> give)
    {
        var shape = c.Shape(node.Input[0]);
        var rank = shape.Length + 1;
        var axes = node.GetInts("axes")
            ?? (node.Input.Count > 1 && node.Input[1].Length > 0 ? c.Constant(node.Input[1], node).Select(v => (long)v).ToArray() : null);
        if (axes is null || axes.Length == 0)
        {
            throw c.Unsupported(node, "it reduces over every axis, the batch included");
        }

        var normalised = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        if (normalised.Contains(0))
        {
            throw c.Unsupported(node, "it reduces over the batch axis");
        }

        var kept = dY;
        if (node.GetInt("keepdims", 1) == 0)
        {
            // Put the reduced axes back as size 1 so that Expand broadcasts along them.
            long[] withOnes = [0, .. shape.Select((d, i) => normalised.Contains(i + 1) ? 1L : d)];
            kept = c.Emit.Node("Reshape", [dY, c.Emit.Int64s(withOnes)]);
        }

        var count = mean ? normalised.Select(a => shape[(int)a - 1]).Aggregate(1, (a, b) => a * b) : 1;
        Spread(node, kept, 1f / count, c, give);
    }

    private static void Spread(NodeProto node, string dY, float factor, AdjointContext c, Action<int, string> give)
    {
        var scaled = factor == 1f ? dY : c.Emit.Mul(dY, c.Emit.Scalar(factor));
        give(0, c.Emit.Node("Expand", [scaled, c.Emit.Node("Shape", [node.Input[0]])]));
    }
}
