using ModelAudit.Models.Onnx;

namespace ModelAudit.Models;

/// <summary>
/// Finds the quantized constants of a graph and how to dequantize them: DequantizeLinear of a constant (QDQ models),
/// the weights and bias of QLinearConv, and the weights of ConvInteger, whose scale is applied after it (dynamic
/// quantization multiplies the converted output by x_scale × w_scale).
/// </summary>
internal static class QuantizedWeights
{
    /// <summary>Ops whose outputs are integers: never tappable as float activations.</summary>
    public static readonly IReadOnlySet<string> IntegerOps = new HashSet<string>(StringComparer.Ordinal)
    {
        "QuantizeLinear", "DynamicQuantizeLinear", "QLinearConv", "QLinearMatMul", "ConvInteger", "MatMulInteger",
        "QLinearAdd", "QLinearMul", "QLinearAveragePool", "QLinearGlobalAveragePool", "QLinearConcat", "QLinearLeakyRelu", "QLinearSigmoid",
    };

    /// <summary>Per dequantized tensor name, its recipe; <paramref name="isConstant"/> says which tensors are stored.</summary>
    public static Dictionary<string, Dequantization> Find(GraphProto graph, Func<string, bool> isConstant)
    {
        var found = new Dictionary<string, Dequantization>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            switch (node.OpType)
            {
                case "DequantizeLinear" when node.Input.Count >= 2 && node.Output.Count > 0 && isConstant(node.Input[0]) && isConstant(node.Input[1]):
                    found[node.Output[0]] = new(node.Input[0], [node.Input[1]], Optional(node, 2, isConstant), (int)node.GetInt("axis", 1));
                    break;
                case "QLinearConv" when node.Input.Count >= 8 && isConstant(node.Input[3]) && isConstant(node.Input[4]):
                    found[node.Input[3]] = new(node.Input[3], [node.Input[4]], Optional(node, 5, isConstant), 0);
                    if (node.Input.Count > 8 && node.Input[8].Length > 0 && isConstant(node.Input[8]) && isConstant(node.Input[1]))
                    {
                        found[node.Input[8]] = new(node.Input[8], [node.Input[1], node.Input[4]], null, 0);
                    }

                    break;
                case "ConvInteger" when node.Input.Count >= 2 && isConstant(node.Input[1]):
                    found[node.Input[1]] = new(node.Input[1], ConvIntegerScale(graph, node, isConstant), Optional(node, 3, isConstant), 0);
                    break;
            }
        }

        return found;
    }

    /// <summary>
    /// ConvInteger has no scale of its own: the constant factor of the Mul after its Cast (alone, or inside the Mul of
    /// x_scale × w_scale that dynamic quantization writes). None found: the weights are read as (w − zero point).
    /// </summary>
    private static string[] ConvIntegerScale(GraphProto graph, NodeProto conv, Func<string, bool> isConstant)
    {
        NodeProto? Consumer(string tensor) => graph.Node.FirstOrDefault(n => n.Input.Contains(tensor));
        NodeProto? Producer(string tensor) => graph.Node.FirstOrDefault(n => n.Output.Contains(tensor));
        if (conv.Output.Count == 0 || Consumer(conv.Output[0]) is not { OpType: "Cast" } cast || cast.Output.Count == 0 || Consumer(cast.Output[0]) is not { OpType: "Mul" } mul)
        {
            return [];
        }

        var other = mul.Input.FirstOrDefault(i => i != cast.Output[0]);
        if (other is null)
        {
            return [];
        }

        if (isConstant(other))
        {
            return [other];
        }

        return Producer(other) is { OpType: "Mul" } product && product.Input.Where(isConstant).ToArray() is [var scale] ? [scale] : [];
    }

    private static string? Optional(NodeProto node, int index, Func<string, bool> isConstant) =>
        node.Input.Count > index && node.Input[index].Length > 0 && isConstant(node.Input[index]) ? node.Input[index] : null;

    /// <summary>(data − zero point) × scales, per tensor or per slice along the recipe's axis.</summary>
    public static float[] Dequantize(float[] data, IReadOnlyList<int> shape, IReadOnlyList<float[]> scales, float[]? zeroPoint, int axis, string name, string source)
    {
        axis = axis < 0 ? axis + shape.Count : axis;
        var channels = shape.Count == 0 ? 1 : shape[Math.Clamp(axis, 0, shape.Count - 1)];
        var inner = 1;
        for (var d = axis + 1; d < shape.Count; d++)
        {
            inner *= shape[d];
        }

        float Pick(float[] values, int i, string what) => values.Length switch
        {
            1 => values[0],
            var n when n == channels && axis >= 0 && axis < shape.Count => values[i / inner % channels],
            _ => throw new InvalidModelException(
                $"'{source}': the {what} of quantized tensor '{name}' has {values.Length} values, but '{name}' has shape [{string.Join(",", shape)}] and axis {axis}: expected 1 or {channels}. The file is corrupt; re-export it."),
        };

        var result = new float[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            var value = data[i] - (zeroPoint is null ? 0 : Pick(zeroPoint, i, "zero point"));
            foreach (var scale in scales)
            {
                value *= Pick(scale, i, "scale");
            }

            result[i] = value;
        }

        return result;
    }
}
