using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>What an adjoint rule may read while it emits backward nodes: per-sample shapes, constant tensors, the ReLU rule.</summary>
internal sealed class AdjointContext(
    GraphEmitter emit,
    IReadOnlyDictionary<string, int[]> shapes,
    IReadOnlyDictionary<string, TensorProto> constants,
    ReluRule rule,
    string source)
{
    public GraphEmitter Emit { get; } = emit;

    public ReluRule Rule { get; } = rule;

    public string Source { get; } = source;

    /// <summary>The shape of one sample of <paramref name="tensor"/> (the batch axis left out).</summary>
    public int[] Shape(string tensor) => shapes.TryGetValue(tensor, out var s)
        ? s
        : throw new InvalidOperationException($"No shape was probed for tensor '{tensor}'.");

    public bool IsConstant(string tensor) => constants.ContainsKey(tensor);

    public float[] Constant(string tensor, NodeProto node) => constants.TryGetValue(tensor, out var t)
        ? ModelGraph.ReadFloats(t, Source)
        : throw Unsupported(node, $"its input '{tensor}' is computed, not a constant");

    public long[] ConstantDims(string tensor) => constants[tensor].Dims.ToArray();

    public GradientException Unsupported(NodeProto node, string why) =>
        new($"'{Source}': cannot differentiate {node.OpType} node '{node.Name}': {why}.");
}
