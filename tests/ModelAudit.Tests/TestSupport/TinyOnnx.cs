using Google.Protobuf;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Tests.TestSupport;

/// <summary>Builds small ONNX models in code, for tests whose answers can be worked out by hand.</summary>
internal sealed class TinyOnnx
{
    private readonly GraphProto _graph = new() { Name = "tiny" };

    public TinyOnnx Input(string name, params long[] dims)
    {
        _graph.Input.Add(ValueInfo(name, dims));
        return this;
    }

    public TinyOnnx Output(string name, params long[] dims)
    {
        _graph.Output.Add(ValueInfo(name, dims));
        return this;
    }

    public TinyOnnx Weight(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = 1 };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        _graph.Initializer.Add(t);
        return this;
    }

    public TinyOnnx Int64s(string name, params long[] values)
    {
        var t = new TensorProto { Name = name, DataType = 7 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        _graph.Initializer.Add(t);
        return this;
    }

    /// <summary>An int64 initializer of any shape (a scalar when <paramref name="dims"/> is empty), such as Gather's indices.</summary>
    public TinyOnnx Int64Tensor(string name, long[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = 7 };
        t.Dims.AddRange(dims);
        t.Int64Data.AddRange(values);
        _graph.Initializer.Add(t);
        return this;
    }

    /// <summary>An int8 initializer in raw_data, as quantizers write weights and zero points.</summary>
    public TinyOnnx Int8s(string name, sbyte[] values, params long[] dims) =>
        Raw(name, 3, values.Select(v => (byte)v).ToArray(), dims);

    /// <summary>A uint8 initializer in raw_data (a scalar when <paramref name="dims"/> is empty), as quantizers write activations' zero points.</summary>
    public TinyOnnx UInt8s(string name, byte[] values, params long[] dims) => Raw(name, 2, values, dims);

    /// <summary>A Constant node holding float weights in raw_data, as paddle2onnx writes them.</summary>
    public TinyOnnx ConstantNode(string output, float[] values, params long[] dims)
    {
        var t = new TensorProto { DataType = 1, RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray()) };
        t.Dims.AddRange(dims);
        var node = new NodeProto { OpType = "Constant", Name = output + "_const" };
        node.Output.Add(output);
        node.Attribute.Add(new AttributeProto { Name = "value", Type = 4, T = t });
        _graph.Node.Add(node);
        return this;
    }

    public TinyOnnx Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return this;
    }

    private TinyOnnx Raw(string name, int dataType, byte[] bytes, long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = dataType, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims);
        _graph.Initializer.Add(t);
        return this;
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = 7 };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = 2, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = 1, F = value };

    public static AttributeProto String(string name, string value) => new() { Name = name, Type = 3, S = ByteString.CopyFromUtf8(value) };

    public byte[] Build(int opset = 13)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "modelaudit-tests", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model.ToByteArray();
    }

    private static ValueInfoProto ValueInfo(string name, long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
