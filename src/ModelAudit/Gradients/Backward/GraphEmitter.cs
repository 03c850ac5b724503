using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Appends nodes and constants to a graph under fresh names, choosing operator forms that exist in the model's opset
/// (ReduceSum's axes moved from attribute to input in opset 13, ScatterElements replaced Scatter in 11).
/// </summary>
internal sealed class GraphEmitter(GraphProto graph, int opset)
{
    private int _next;

    public int Opset { get; } = opset;

    public string Fresh(string hint) => $"grad.{hint}.{_next++}";

    public string Node(string op, string[] inputs, params AttributeProto[] attributes) => Node(op, inputs, 1, attributes)[0];

    public string[] Node(string op, string[] inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Fresh(op) };
        node.Input.AddRange(inputs);
        for (var i = 0; i < outputs; i++)
        {
            node.Output.Add(Fresh(op.ToLowerInvariant()));
        }

        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return node.Output.ToArray();
    }

    public string Floats(float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = Fresh("const"), DataType = 1 };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        graph.Initializer.Add(t);
        return t.Name;
    }

    public string Scalar(float value) => Floats([value]);

    public string Int64s(params long[] values)
    {
        var t = new TensorProto { Name = Fresh("shape"), DataType = 7 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        graph.Initializer.Add(t);
        return t.Name;
    }

    public string Mul(string a, string b) => Node("Mul", [a, b]);

    /// <summary>1.0 where the boolean tensor holds, 0.0 elsewhere.</summary>
    public string AsFloat(string boolean) => Node("Cast", [boolean], OnnxAttributes.Int("to", 1));

    public string ReshapeLike(string x, string like) => Node("Reshape", [x, Node("Shape", [like])]);

    public string ReduceSum(string x, long[] axes) => Opset >= 13
        ? Node("ReduceSum", [x, Int64s(axes)], OnnxAttributes.Int("keepdims", 1))
        : Node("ReduceSum", [x], OnnxAttributes.Ints("axes", axes), OnnxAttributes.Int("keepdims", 1));

    /// <summary>Elements [starts, ends) of <paramref name="x"/> along <paramref name="axes"/>, in the form the opset takes.</summary>
    public string Slice(string x, long[] starts, long[] ends, long[] axes) => Opset >= 10
        ? Node("Slice", [x, Int64s(starts), Int64s(ends), Int64s(axes)])
        : Node("Slice", [x], OnnxAttributes.Ints("starts", starts), OnnxAttributes.Ints("ends", ends), OnnxAttributes.Ints("axes", axes));

    /// <summary>Writes <paramref name="updates"/> into <paramref name="data"/> at <paramref name="indices"/> along axis 0.</summary>
    public string ScatterFlat(string data, string indices, string updates) =>
        Node(Opset >= 11 ? "ScatterElements" : "Scatter", [data, indices, updates], OnnxAttributes.Int("axis", 0));
}
