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
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dequantization> _dequantized;

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
            if (n.Output.Count == 0 || n.Output[0].Length == 0)
            {
                throw new InvalidModelException(
                    $"'{source}': node '{node.Name}' ({n.OpType}, #{i}) has no output, so nothing can read what it computes. The graph is malformed; re-export the model (and run onnx.checker.check_model on it).");
            }

            nodes.Add(node);
            foreach (var output in n.Output)
            {
                _producers[output] = node;
            }

            if (n.OpType == "Constant" && n.Output.Count == 1 && n.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } t)
            {
                _constants[n.Output[0]] = t;
            }
            else if (n.OpType == "Identity" && n.Input.Count == 1 && IsStored(n.Input[0]))
            {
                // Exporters give weights a second name this way; reading either name gives the weights.
                _aliases[n.Output[0]] = n.Input[0];
            }
        }

        Nodes = nodes;
        _dequantized = QuantizedWeights.Find(graph, IsStored);
        var initializerNames = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        Inputs = graph.Input.Where(i => !initializerNames.Contains(i.Name)).Select(ToInfo).ToArray();
        Outputs = graph.Output.Select(ToInfo).ToArray();
        ConvLayers = graph.Node.Select((n, i) => (n, i)).Where(p => p.n.OpType is "Conv" or "QLinearConv" or "ConvInteger").Select(p => ToConv(p.n, nodes[p.i].Name)).ToArray();
        var constantDerived = ConstantDerived(graph, initializerNames);
        TappableTensors = graph.Node
            .Where(n => n.OpType != "Constant" && !QuantizedWeights.IntegerOps.Contains(n.OpType))
            .SelectMany(n => n.Output)
            .Where(o => o.Length > 0 && !constantDerived.Contains(o))
            .ToArray();
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

        return new ModelGraph(OnnxFile.Read(File.ReadAllBytes(path), path, OnnxFile.FolderOf(path)).Proto, path);
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

    /// <summary>
    /// Names of every intermediate tensor that can be exposed as an extra output (a "tap"): float activations, not
    /// weights under another name (Identity or DequantizeLinear of a constant) nor quantized integer tensors.
    /// </summary>
    public IReadOnlyList<string> TappableTensors { get; }

    /// <summary>How many nodes of each operator type the graph has, sorted by operator name.</summary>
    public IReadOnlyDictionary<string, int> OpCounts { get; }

    public int OpsetVersion { get; }

    /// <summary>The node that produces <paramref name="tensor"/>, or null for graph inputs and initializers.</summary>
    public GraphNode? ProducerOf(string tensor) => _producers.GetValueOrDefault(tensor);

    /// <summary>The input of the Softmax or LogSoftmax that produces <paramref name="tensor"/> (its logits), else the tensor itself.</summary>
    internal string LogitsOf(string tensor) => ProducerOf(tensor) is { OpType: "Softmax" or "LogSoftmax" } softmax ? softmax.Inputs[0] : tensor;

    /// <summary>The nodes that read <paramref name="tensor"/>.</summary>
    public IEnumerable<GraphNode> ConsumersOf(string tensor) => Nodes.Where(n => n.Inputs.Contains(tensor));

    public bool HasConstant(string name) => _constants.ContainsKey(name);

    /// <summary>The stored tensor named <paramref name="name"/> (initializer or Constant node), or null.</summary>
    internal TensorProto? Constant(string name) => _constants.GetValueOrDefault(name);

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

    /// <summary>
    /// Reads a constant float tensor by name, from an initializer, a <c>Constant</c> node or an Identity of one. A
    /// quantized weight (read through DequantizeLinear, or the weights and bias of QLinearConv and ConvInteger) is
    /// read dequantized: (w − zero point) × scale, per tensor or per channel.
    /// </summary>
    public WeightTensor Weight(string name)
    {
        lock (_weightCache)
        {
            if (_weightCache.TryGetValue(name, out var cached))
            {
                return cached;
            }

            WeightTensor weight;
            if (_dequantized.TryGetValue(name, out var recipe))
            {
                var data = _constants[recipe.Data];
                var shape = data.Dims.Select(d => (int)d).ToArray();
                var values = QuantizedWeights.Dequantize(
                    ReadNumbers(data, Source), shape, recipe.Scales.Select(s => ReadNumbers(_constants[s], Source)).ToArray(),
                    recipe.ZeroPoint is { } zp ? ReadNumbers(_constants[zp], Source) : null, recipe.Axis, recipe.Data, Source);
                weight = new WeightTensor(name, shape, values);
            }
            else if (_aliases.TryGetValue(name, out var target))
            {
                var stored = Weight(target);
                weight = new WeightTensor(name, [.. stored.Shape], stored.Values.ToArray());
            }
            else if (_constants.TryGetValue(name, out var proto))
            {
                weight = new WeightTensor(name, proto.Dims.Select(d => (int)d).ToArray(), ReadFloats(proto, Source));
            }
            else
            {
                throw NotConstant(name);
            }

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

    /// <summary>Float tensors as <see cref="ReadFloats"/> reads them; integer tensors (quantized data, scales' zero points) as their values.</summary>
    internal static float[] ReadNumbers(TensorProto t, string source)
    {
        if (t.DataType is not (2 or 3 or 6 or 7))
        {
            return ReadFloats(t, source);
        }

        if (!t.HasRawData)
        {
            return t.DataType == 7 ? t.Int64Data.Select(v => (float)v).ToArray() : t.Int32Data.Select(v => (float)v).ToArray();
        }

        var raw = t.RawData.Span;
        return t.DataType switch
        {
            2 => raw.ToArray().Select(b => (float)b).ToArray(),
            3 => raw.ToArray().Select(b => (float)(sbyte)b).ToArray(),
            6 => Enumerable.Range(0, raw.Length / 4).Select(i => (float)BinaryPrimitives.ReadInt32LittleEndian(t.RawData.Span.Slice(i * 4, 4))).ToArray(),
            _ => Enumerable.Range(0, raw.Length / 8).Select(i => (float)BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span.Slice(i * 8, 8))).ToArray(),
        };
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
        // QLinearConv: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point, bias.
        var (weightIndex, biasIndex) = n.OpType == "QLinearConv" ? (3, 8) : (1, n.OpType == "Conv" ? 2 : -1);
        var weightName = n.Input.Count > weightIndex && n.Input[weightIndex].Length > 0
            ? n.Input[weightIndex]
            : throw new InvalidModelException($"'{Source}': {n.OpType} node '{name}' has no weight input (input #{weightIndex}); the graph is malformed, re-export the model.");
        var shape = StoredShape(weightName);
        var spatial = Math.Max(shape.Length - 2, 2);
        int[] Ints(string attr, int fill, int count) =>
            n.GetInts(attr) is { Length: > 0 } values ? values.Select(i => (int)i).ToArray() : Enumerable.Repeat(fill, count).ToArray();
        var group = (int)n.GetInt("group", 1);
        var autoPad = n.GetString("auto_pad", "NOTSET");
        var pads = Ints("pads", 0, 2 * spatial);
        var bias = biasIndex >= 0 && n.Input.Count > biasIndex && n.Input[biasIndex].Length > 0 ? n.Input[biasIndex] : null;

        // ONNX lists pads as [x1_begin, x2_begin, x1_end, x2_end]; for 2-D that is [top, left, bottom, right].
        return new ConvLayer(name, n.Input[0], FloatOutput(n), weightName, bias, shape, Ints("strides", 1, spatial), pads, Ints("dilations", 1, spatial), group, autoPad)
        {
            OpType = n.OpType,
        };
    }

    /// <summary>The shape of a stored weight, seen through Identity and DequantizeLinear; empty when it is computed at run time.</summary>
    private int[] StoredShape(string name) =>
        _dequantized.TryGetValue(name, out var recipe) && recipe.Data != name ? StoredShape(recipe.Data)
        : _aliases.TryGetValue(name, out var target) ? StoredShape(target)
        : _constants.TryGetValue(name, out var t) ? t.Dims.Select(d => (int)d).ToArray()
        : [];

    private bool IsStored(string name) => _constants.ContainsKey(name) || _aliases.ContainsKey(name);

    /// <summary>
    /// The float tensor a convolution's result is read from: its own output, or for a quantized one the end of the
    /// DequantizeLinear (QLinearConv) or Cast → Mul → bias Add (ConvInteger) chain that turns it back into floats.
    /// </summary>
    private string FloatOutput(NodeProto conv)
    {
        var tensor = conv.Output[0];
        if (conv.OpType == "Conv")
        {
            return tensor;
        }

        string[] chain = conv.OpType == "QLinearConv" ? ["DequantizeLinear"] : ["Cast", "Mul", "Add"];
        foreach (var op in chain)
        {
            if (ConsumersOf(tensor).ToArray() is not [{ } next] || next.OpType != op)
            {
                break;
            }

            tensor = next.Outputs[0];
        }

        return tensor;
    }

    /// <summary>Tensors computed from stored constants alone: weights under other names, not activations.</summary>
    private static HashSet<string> ConstantDerived(GraphProto graph, HashSet<string> initializers)
    {
        var derived = new HashSet<string>(initializers, StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            var inputs = node.Input.Where(i => i.Length > 0).ToArray();
            if (node.OpType == "Constant" || (inputs.Length > 0 && inputs.All(derived.Contains)))
            {
                derived.UnionWith(node.Output);
            }
        }

        return derived;
    }

    private InvalidModelException NotConstant(string name)
    {
        var readers = string.Join(", ", ConsumersOf(name).Select(n => $"'{n.Name}' ({n.OpType})"));
        var reader = readers.Length == 0 ? "" : $" (read by {readers})";
        return ProducerOf(name) is { } producer
            ? new InvalidModelException(
                $"'{Source}': tensor '{name}'{reader} is not a stored weight: node '{producer.Name}' ({producer.OpType}) computes it at run time. " +
                "Only weights stored in the file can be read (initializers, Constant nodes, Identity or DequantizeLinear of those); fold constants when exporting (do_constant_folding=True) or audit another layer.")
            : new InvalidModelException($"'{Source}' has no constant tensor named '{name}'{reader} (looked in initializers, Constant nodes, and Identity and DequantizeLinear of those).");
    }
}
