using System.Buffers.Binary;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Models;

/// <summary>
/// A read-only view of an ONNX graph: inputs, outputs, nodes in order, convolutions with their geometry,
/// and constant weights wherever they are stored (graph initializers or <c>Constant</c> nodes).
/// </summary>
public sealed class ModelGraph
{
    private readonly Dictionary<string, TensorProto> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GraphNode> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WeightTensor> _weightCache = new(StringComparer.Ordinal);

    internal ModelGraph(ModelProto proto, string source)
    {
        Proto = proto;
        Source = source;
        var graph = proto.Graph;
        foreach (var init in graph.Initializer)
        {
            _constants[init.Name] = init;
        }

        var nodes = new List<GraphNode>(graph.Node.Count);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var n = graph.Node[i];
            var node = new GraphNode(i, string.IsNullOrEmpty(n.Name) ? $"{n.OpType}_{i}" : n.Name, n.OpType, n.Input.ToArray(), n.Output.ToArray());
            nodes.Add(node);
            foreach (var output in n.Output)
            {
                _producers[output] = node;
            }

            if (n.OpType == "Constant" && n.Output.Count == 1 && n.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } t)
            {
                _constants[n.Output[0]] = t;
            }
        }

        Nodes = nodes;
        var initializerNames = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        Inputs = graph.Input.Where(i => !initializerNames.Contains(i.Name)).Select(ToInfo).ToArray();
        Outputs = graph.Output.Select(ToInfo).ToArray();
        ConvLayers = graph.Node.Select((n, i) => (n, i)).Where(p => p.n.OpType == "Conv").Select(p => ToConv(p.n, nodes[p.i].Name)).ToArray();
        var constantOutputs = graph.Node.Where(n => n.OpType == "Constant").SelectMany(n => n.Output).ToHashSet(StringComparer.Ordinal);
        TappableTensors = graph.Node.Where(n => n.OpType != "Constant").SelectMany(n => n.Output).Where(o => o.Length > 0 && !constantOutputs.Contains(o)).ToArray();
        OpCounts = graph.Node.GroupBy(n => n.OpType).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        OpsetVersion = proto.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx").Select(o => (int)o.Version).DefaultIfEmpty(0).Max();
    }

    internal ModelProto Proto { get; }

    /// <summary>Reads the graph of an ONNX file without creating a session or needing an input spec.</summary>
    public static ModelGraph Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"Model file '{path}' does not exist.");
        }

        return new ModelGraph(OnnxFile.Parse(File.ReadAllBytes(path), path), path);
    }

    /// <summary>Where the model came from (a path, or the name given with its bytes).</summary>
    public string Source { get; }

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    public IReadOnlyList<GraphNode> Nodes { get; }

    public IReadOnlyList<ConvLayer> ConvLayers { get; }

    /// <summary>The first convolution in graph order: the layer that looks at pixels.</summary>
    public ConvLayer FirstConv => ConvLayers.Count > 0
        ? ConvLayers[0]
        : throw new InvalidModelException($"'{Source}' has no Conv node, so it has no first-layer filters to audit.");

    /// <summary>Names of every intermediate tensor that can be exposed as an extra output (a "tap").</summary>
    public IReadOnlyList<string> TappableTensors { get; }

    /// <summary>How many nodes of each operator type the graph has, sorted by operator name.</summary>
    public IReadOnlyDictionary<string, int> OpCounts { get; }

    public int OpsetVersion { get; }

    /// <summary>The node that produces <paramref name="tensor"/>, or null for graph inputs and initializers.</summary>
    public GraphNode? ProducerOf(string tensor) => _producers.GetValueOrDefault(tensor);

    /// <summary>The nodes that read <paramref name="tensor"/>.</summary>
    public IEnumerable<GraphNode> ConsumersOf(string tensor) => Nodes.Where(n => n.Inputs.Contains(tensor));

    public bool HasConstant(string name) => _constants.ContainsKey(name);

    /// <summary>
    /// The tensor that feeds the final classifier (the input of the last Gemm/MatMul before the output):
    /// the penultimate features. Null when the graph has no such layer.
    /// </summary>
    public string? PenultimateTensor
    {
        get
        {
            var last = Nodes.LastOrDefault(n => n.OpType is "Gemm" or "MatMul");
            if (last is null)
            {
                return null;
            }

            var data = last.Inputs.FirstOrDefault(i => !HasConstant(i));
            return data is null ? null : SkipReshapes(data);
        }
    }

    /// <summary>Reads a constant float tensor by name, from an initializer or a <c>Constant</c> node.</summary>
    public WeightTensor Weight(string name)
    {
        lock (_weightCache)
        {
            if (_weightCache.TryGetValue(name, out var cached))
            {
                return cached;
            }

            if (!_constants.TryGetValue(name, out var proto))
            {
                throw new InvalidModelException($"'{Source}' has no constant tensor named '{name}' (looked in initializers and Constant nodes).");
            }

            var weight = new WeightTensor(name, proto.Dims.Select(d => (int)d).ToArray(), ReadFloats(proto, Source));
            _weightCache[name] = weight;
            return weight;
        }
    }

    /// <summary>The conv layer whose node name or output tensor is <paramref name="nameOrOutput"/>.</summary>
    public ConvLayer Conv(string nameOrOutput) =>
        ConvLayers.FirstOrDefault(c => c.NodeName == nameOrOutput || c.Output == nameOrOutput)
        ?? throw new InvalidModelException(
            $"'{Source}' has no Conv node or output named '{nameOrOutput}'. Conv layers: {string.Join(", ", ConvLayers.Select(c => c.NodeName).Take(12))}{(ConvLayers.Count > 12 ? ", ..." : "")}.");

    internal static float[] ReadFloats(TensorProto t, string source)
    {
        var count = t.Dims.Aggregate(1L, (a, d) => a * d);
        if (t.DataLocation == 1 || t.ExternalData.Count > 0)
        {
            throw new InvalidModelException($"'{source}': tensor '{t.Name}' keeps its data in an external file, which is not supported; save the model with weights inside.");
        }

        float[] values;
        if (t.HasRawData)
        {
            values = ReadRaw(t.RawData.Span, t.DataType) ?? throw Unsupported(t, source);
        }
        else
        {
            values = t.DataType switch
            {
                1 => t.FloatData.ToArray(),
                11 => t.DoubleData.Select(d => (float)d).ToArray(),
                10 => t.Int32Data.Select(bits => (float)BitConverter.UInt16BitsToHalf((ushort)bits)).ToArray(),
                _ => throw Unsupported(t, source),
            };
        }

        if (values.Length != count)
        {
            throw new InvalidModelException($"'{source}': tensor '{t.Name}' declares {count} values but stores {values.Length}; the file is corrupt.");
        }

        return values;
    }

    private static float[]? ReadRaw(ReadOnlySpan<byte> raw, int dataType)
    {
        var size = dataType switch { 1 => 4, 10 => 2, 11 => 8, _ => 0 };
        if (size == 0)
        {
            return null;
        }

        var values = new float[raw.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            var bytes = raw.Slice(i * size, size);
            values[i] = dataType switch
            {
                1 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                10 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes),
                _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            };
        }

        return values;
    }

    private static InvalidModelException Unsupported(TensorProto t, string source) =>
        new($"'{source}': tensor '{t.Name}' has element type {OnnxFile.ElementTypeName(t.DataType)}; only float, float16 and double weights can be read.");

    private string SkipReshapes(string tensor)
    {
        // Flatten/Reshape only relabel the penultimate features; report the tensor that holds them.
        var producer = ProducerOf(tensor);
        return producer is { OpType: "Flatten" or "Reshape" or "Squeeze" } && producer.Inputs.Count > 0 && ProducerOf(producer.Inputs[0]) is { } inner && inner.OpType is not ("Conv" or "MaxPool" or "GlobalAveragePool" or "GlobalMaxPool" or "AveragePool")
            ? SkipReshapes(producer.Inputs[0])
            : tensor;
    }

    private static TensorInfo ToInfo(ValueInfoProto v)
    {
        var tensor = v.Type?.TensorType;
        var dims = tensor?.Shape?.Dim.Select(d => new Dim(d.HasDimValue ? d.DimValue : null, d.HasDimParam ? d.DimParam : null)).ToArray() ?? [];
        return new TensorInfo(v.Name, tensor is null ? "unknown" : OnnxFile.ElementTypeName(tensor.ElemType), dims);
    }

    private ConvLayer ToConv(NodeProto n, string name)
    {
        var weightName = n.Input.Count > 1 ? n.Input[1] : throw new InvalidModelException($"'{Source}': Conv node '{name}' has no weight input.");
        int[] shape = _constants.TryGetValue(weightName, out var w) ? w.Dims.Select(d => (int)d).ToArray() : [];
        var spatial = Math.Max(shape.Length - 2, 2);
        int[] Ints(string attr, int fill, int count) =>
            n.GetInts(attr) is { Length: > 0 } values ? values.Select(i => (int)i).ToArray() : Enumerable.Repeat(fill, count).ToArray();
        var group = (int)n.GetInt("group", 1);
        var autoPad = n.GetString("auto_pad", "NOTSET");
        var pads = Ints("pads", 0, 2 * spatial);

        // ONNX lists pads as [x1_begin, x2_begin, x1_end, x2_end]; for 2-D that is [top, left, bottom, right].
        return new ConvLayer(name, n.Input[0], n.Output[0], weightName, n.Input.Count > 2 && n.Input[2].Length > 0 ? n.Input[2] : null,
            shape, Ints("strides", 1, spatial), pads, Ints("dilations", 1, spatial), group, autoPad);
    }
}
