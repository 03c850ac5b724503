using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// What an adjoint rule may read while it emits backward nodes: per-sample shapes, constant tensors, the ReLU rule, and
/// the gradients reaching the other outputs of a node with several (Split).
/// </summary>
internal sealed class AdjointContext(
    GraphEmitter emit,
    IReadOnlyDictionary<string, int[]> shapes,
    ConstantTensors constants,
    ReluRule rule,
    string source,
    Func<string, string?> gradientOf,
    IReadOnlyDictionary<string, int>? batchAxes = null,
    RelevanceRules? relevance = null,
    IReadOnlySet<string>? imageTensors = null,
    Func<string, string, bool>? dependsOn = null)
{
    private readonly Dictionary<string, TensorProto> _added = new(StringComparer.Ordinal);

    public GraphEmitter Emit { get; } = emit;

    public ReluRule Rule { get; } = rule;

    public string Source { get; } = source;

    /// <summary>Set when the graph propagates relevance (LRP) instead of gradients.</summary>
    public RelevanceRules? Relevance { get; } = relevance;

    /// <summary>The differentiated input and the tensors that only reshape or quantize it (Flatten, Reshape, a QDQ pair): where the first layer reads the image.</summary>
    public bool IsImage(string tensor) => imageTensors is not null && imageTensors.Contains(tensor);

    /// <summary>Whether <paramref name="tensor"/> is computed from <paramref name="ancestor"/> (false for a tensor and itself).</summary>
    public bool DependsOn(string tensor, string ancestor) => dependsOn is not null && dependsOn(tensor, ancestor);

    /// <summary>A new float constant that rules may read back with <see cref="Constant"/> (e.g. a weight's positive part).</summary>
    public string AddConstant(float[] values, long[] dims)
    {
        var name = Emit.Floats(values, dims);
        var t = new TensorProto { Name = name, DataType = 1 };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        _added[name] = t;
        return name;
    }

    /// <summary>
    /// Where <paramref name="tensor"/> keeps the batch: 0, unless the model moved it (a Transpose that stacks, say, an
    /// attention block's queries, keys and values in front of the batch). <see cref="Shape"/> leaves this axis out.
    /// </summary>
    public int BatchAxis(string tensor) => batchAxes is not null && batchAxes.TryGetValue(tensor, out var axis) ? axis : 0;

    /// <summary>The shape of one sample of <paramref name="tensor"/> (the batch axis, <see cref="BatchAxis"/>, left out).</summary>
    public int[] Shape(string tensor) => shapes.TryGetValue(tensor, out var s)
        ? s
        : throw new InvalidOperationException($"No shape was probed for tensor '{tensor}'.");

    /// <summary>
    /// The summed gradient reaching <paramref name="output"/>, or zeros of its shape when it leads to no target.
    /// </summary>
    public string OutputGradient(string output) =>
        gradientOf(output) ?? Emit.Node("ConstantOfShape", [Emit.Node("Shape", [output])]);

    public bool IsConstant(string tensor) => constants.Contains(tensor) || _added.ContainsKey(tensor);

    public float[] Constant(string tensor, NodeProto node) => constants.TryGet(tensor, out var t) || _added.TryGetValue(tensor, out t)
        ? ModelGraph.ReadFloats(t, Source)
        : throw Unsupported(node, $"its input '{tensor}' is computed, not a constant");

    public long[] ConstantDims(string tensor) => (constants.TryGet(tensor, out var t) ? t : _added[tensor]).Dims.ToArray();

    /// <summary>An int64 constant input (pads, axes), from its typed field or its raw little-endian bytes.</summary>
    public long[] ConstantInts(string tensor, NodeProto node)
    {
        if (!constants.TryGet(tensor, out var t))
        {
            throw Unsupported(node, $"its input '{tensor}' is computed, not a constant");
        }

        if (t.DataType != 7)
        {
            return Constant(tensor, node).Select(v => (long)v).ToArray();
        }

        return t.Int64Data.Count > 0
            ? [.. t.Int64Data]
            : Enumerable.Range(0, t.RawData.Length / 8).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span[(i * 8)..])).ToArray();
    }

    public GradientException Unsupported(NodeProto node, string why) =>
        new($"'{Source}': cannot {(Relevance is null ? "differentiate" : "propagate relevance through")} {node.OpType} node '{node.Name}': {why}.");
}
