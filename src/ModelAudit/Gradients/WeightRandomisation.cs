using Google.Protobuf;
using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients;

/// <summary>
/// A copy of a model's weights that parametrised layers (Conv, Gemm, MatMul, ConvTranspose) can be randomised in,
/// one at a time, from the top layer down: seeded Gaussian noise of each tensor's own spread. The cascading check and
/// the efficient one (all layers at once) draw the same noise from one seed, so the efficient check's model is the
/// cascade's last stage.
/// </summary>
internal sealed class WeightRandomisation
{
    private static readonly HashSet<string> Parametrised = new(StringComparer.Ordinal) { "Conv", "Gemm", "MatMul", "ConvTranspose" };

    private readonly AuditModel _model;
    private readonly ModelProto _proto;
    private readonly Dictionary<string, TensorProto> _tensors;
    private readonly Random _random;

    public WeightRandomisation(AuditModel model, int seed)
    {
        _model = model;
        _proto = model.Graph.Proto.Clone();
        _tensors = Tensors(_proto);
        _random = new Random(seed);
        Layers = model.Graph.Nodes.Where(n => Parametrised.Contains(n.OpType) && n.Inputs.Skip(1).Any(model.Graph.HasConstant)).Reverse().ToArray();
    }

    /// <summary>The parametrised layers with constant weights, top (nearest the output) first.</summary>
    public IReadOnlyList<GraphNode> Layers { get; }

    /// <summary>Replaces the weights (and bias) of <paramref name="layer"/> in the copy.</summary>
    public void Randomise(GraphNode layer)
    {
        foreach (var name in layer.Inputs.Skip(1).Where(_tensors.ContainsKey))
        {
            Randomise(_tensors[name], _random, _model.Source);
        }
    }

    /// <summary>The copy as it now is, as a model of its own with the original's spec and options; the caller disposes it.</summary>
    public AuditModel Load(string name) => AuditModel.Load(_proto.ToByteArray(), name, _model.Spec, _model.Options);

    private static Dictionary<string, TensorProto> Tensors(ModelProto proto)
    {
        var tensors = proto.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var node in proto.Graph.Node.Where(n => n.OpType == "Constant"))
        {
            if (node.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } t)
            {
                tensors[node.Output[0]] = t;
            }
        }

        return tensors;
    }

    private static void Randomise(TensorProto tensor, Random random, string source)
    {
        if (tensor.DataType != 1)
        {
            return;
        }

        var values = ModelGraph.ReadFloats(tensor, source);
        var mean = values.Average(v => (double)v);
        var std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        var spread = std > 0 ? std : 0.01;
        var noise = values.Select(_ => (float)(spread * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();
        tensor.FloatData.Clear();
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(noise.AsSpan()));
    }
}
