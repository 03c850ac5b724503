using System.Diagnostics.CodeAnalysis;
using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// The tensors of a graph that rules may read as constants: initializers, Constant nodes, Identity aliases of those,
/// and DequantizeLinear of those (a QDQ model's integer weights, read as the floats the model computes from them).
/// A dequantized tensor is computed when first read, so a gradient that never reads a weight's values costs nothing.
/// </summary>
internal sealed class ConstantTensors
{
    private readonly Dictionary<string, TensorProto> _stored;
    private readonly Dictionary<string, NodeProto> _dequantized = new(StringComparer.Ordinal);
    private readonly string _source;

    public ConstantTensors(GraphProto graph, string source)
    {
        _source = source;
        _stored = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var n in graph.Node)
        {
            if (n.OpType == "Constant" && n.Attribute.FirstOrDefault(a => a.Name == "value") is { } value)
            {
                _stored[n.Output[0]] = value.T;
            }
            else if (n.OpType == "Identity" && _stored.TryGetValue(n.Input[0], out var aliased))
            {
                // Exporters share equal initial tensors (e.g. every BatchNorm's ones) through Identity aliases.
                _stored[n.Output[0]] = aliased;
            }
            else if (n.OpType == "Identity" && _dequantized.TryGetValue(n.Input[0], out var recipe))
            {
                _dequantized[n.Output[0]] = recipe;
            }
            else if (n.OpType == "DequantizeLinear" && IsDequantizable(n))
            {
                _dequantized[n.Output[0]] = n;
            }
        }
    }

    public bool Contains(string name) => _stored.ContainsKey(name) || _dequantized.ContainsKey(name);

    public bool TryGet(string name, [MaybeNullWhen(false)] out TensorProto tensor)
    {
        if (_stored.TryGetValue(name, out tensor))
        {
            return true;
        }

        if (!_dequantized.TryGetValue(name, out var node))
        {
            return false;
        }

        _stored[name] = tensor = Dequantize(node);
        return true;
    }

    /// <summary>Integer data stored in the file, with a stored float scale and zero point (or none).</summary>
    private bool IsDequantizable(NodeProto node) =>
        node.Input.Count >= 2 && node.Output.Count > 0
        && _stored.TryGetValue(node.Input[0], out var data) && data.DataType is 2 or 3 or 6 && IsInline(data)
        && _stored.TryGetValue(node.Input[1], out var scale) && scale.DataType is 1 or 10 or 11 && IsInline(scale)
        && (node.Input.Count < 3 || node.Input[2].Length == 0 || (_stored.TryGetValue(node.Input[2], out var zeroPoint) && IsInline(zeroPoint)));

    private static bool IsInline(TensorProto t) => t.DataLocation != 1 && t.ExternalData.Count == 0;

    /// <summary>(x − zero point) × scale, per tensor or per slice along the node's axis, as a float tensor of x's shape.</summary>
    private TensorProto Dequantize(NodeProto node)
    {
        var data = _stored[node.Input[0]];
        var zeroPoint = node.Input.Count > 2 && node.Input[2].Length > 0 ? ModelGraph.ReadNumbers(_stored[node.Input[2]], _source) : null;
        var values = QuantizedWeights.Dequantize(
            ModelGraph.ReadNumbers(data, _source), data.Dims.Select(d => (int)d).ToArray(), [ModelGraph.ReadFloats(_stored[node.Input[1]], _source)],
            zeroPoint, (int)node.GetInt("axis", 1), node.Input[0], _source);
        var t = new TensorProto { Name = node.Output[0], DataType = 1 };
        t.Dims.AddRange(data.Dims);
        t.FloatData.AddRange(values);
        return t;
    }
}
