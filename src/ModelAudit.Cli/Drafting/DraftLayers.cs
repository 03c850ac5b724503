using ModelAudit.Models;

namespace ModelAudit.Cli.Drafting;

/// <summary>The layers <c>init</c> names: the ReLUs of the convolutional trunk whose activations are worth watching.</summary>
internal static class DraftLayers
{
    /// <summary>Operators after which a ReLU no longer sees a spatial map: pooled to a vector (squeeze-excite, the head) or flattened.</summary>
    private static readonly HashSet<string> Flattening = new(StringComparer.Ordinal) { "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceMax", "Flatten", "Gemm", "MatMul", "Reshape" };

    /// <summary>
    /// The first ReLU over a spatial map and the one halfway through the trunk, in graph order. Later layers are left
    /// out: their channels specialise, and a few that never fire on a small probe set say more about the images than
    /// about the model. A ReLU is skipped when a pooling-to-a-vector or flattening node lies within three nodes upstream.
    /// </summary>
    public static IReadOnlyList<string> Relus(ModelGraph graph)
    {
        var relus = graph.Nodes.Where(n => n.OpType == "Relu" && !NearFlattening(graph, n.Inputs[0], 3) && graph.TappableTensors.Contains(n.Outputs[0]))
            .Select(n => n.Outputs[0]).ToArray();
        return relus.Length <= 2 ? relus : [relus[0], relus[(relus.Length - 1) / 2]];
    }

    private static bool NearFlattening(ModelGraph graph, string tensor, int depth)
    {
        if (depth == 0 || graph.ProducerOf(tensor) is not { } node)
        {
            return false;
        }

        return Flattening.Contains(node.OpType) || node.Inputs.Where(i => !graph.HasConstant(i)).Any(i => NearFlattening(graph, i, depth - 1));
    }
}
