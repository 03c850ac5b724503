using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Canonisation for relevance propagation: a Conv followed by an inference BatchNormalization becomes one Conv with
/// W' = W·s and b' = (b − μ)·s + β per output channel, s = γ/√(σ²+ε). Relevance rules then see the affine layer the
/// network computes, not a conv whose bias-free output the norm shifts (Zennit's MergeBatchNorm). A norm that does
/// not follow a Conv alone, or whose tensors are not constants, stays and passes relevance unchanged. A QDQ model's conv
/// reads its weights through DequantizeLinear: the folded conv reads float weights, the dequantized ones scaled.
/// </summary>
internal static class BatchNormFolding
{
    /// <summary>A copy of <paramref name="model"/> with every foldable pair merged; the model itself when none is.</summary>
    public static ModelProto Fold(ModelProto model, string source)
    {
        var graph = model.Graph;
        var constants = new ConstantTensors(graph, source);
        var consumers = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name))
            .GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var producers = graph.Node.Where(n => n.Output.Count > 0).ToDictionary(n => n.Output[0], StringComparer.Ordinal);
        var pairs = graph.Node
            .Where(n => n.OpType == "BatchNormalization" && n.Output.Count == 1 && n.Input.Count == 5
                && n.Input.Skip(1).All(t => constants.TryGet(t, out var p) && p.DataType == 1)
                && producers.TryGetValue(n.Input[0], out var conv) && conv.OpType == "Conv" && consumers[n.Input[0]] == 1
                && constants.TryGet(conv.Input[1], out var w) && w.DataType == 1
                && (conv.Input.Count < 3 || (constants.TryGet(conv.Input[2], out var b) && b.DataType == 1)))
            .Select(n => (Norm: n, Conv: producers[n.Input[0]]))
            .ToArray();
        if (pairs.Length == 0)
        {
            return model;
        }

        var copy = model.Clone();
        var nodes = copy.Graph.Node;
        foreach (var (norm, conv) in pairs)
        {
            TensorProto Constant(string name) => constants.TryGet(name, out var t) ? t : throw new InvalidOperationException($"'{name}' was checked to be a constant.");
            float[] Read(string name) => ModelGraph.ReadFloats(Constant(name), source);
            var (gamma, beta, mean, variance) = (Read(norm.Input[1]), Read(norm.Input[2]), Read(norm.Input[3]), Read(norm.Input[4]));
            var weight = Constant(conv.Input[1]);
            var w = Read(conv.Input[1]);
            var bias = conv.Input.Count > 2 && conv.Input[2].Length > 0 ? Read(conv.Input[2]) : new float[gamma.Length];
            var epsilon = norm.GetFloat("epsilon", 1e-5f);
            var perChannel = w.Length / gamma.Length;
            for (var o = 0; o < gamma.Length; o++)
            {
                var s = gamma[o] / Math.Sqrt(variance[o] + (double)epsilon);
                for (var i = 0; i < perChannel; i++)
                {
                    w[(o * perChannel) + i] = (float)(w[(o * perChannel) + i] * s);
                }

                bias[o] = (float)(((bias[o] - mean[o]) * s) + beta[o]);
            }

            var folded = nodes.First(n => n.Name == conv.Name && n.Output[0] == conv.Output[0]);
            var prefix = $"lrp.folded.{norm.Output[0]}";
            copy.Graph.Initializer.Add(Floats(prefix + ".weight", w, [.. weight.Dims]));
            copy.Graph.Initializer.Add(Floats(prefix + ".bias", bias, gamma.Length));
            folded.Input[1] = prefix + ".weight";
            if (folded.Input.Count > 2)
            {
                folded.Input[2] = prefix + ".bias";
            }
            else
            {
                folded.Input.Add(prefix + ".bias");
            }

            folded.Output[0] = norm.Output[0];
            nodes.Remove(nodes.First(n => n.OpType == "BatchNormalization" && n.Output[0] == norm.Output[0]));
        }

        return copy;
    }

    private static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = 1 };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        return t;
    }
}
