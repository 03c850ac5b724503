using Google.Protobuf;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients;

/// <summary>
/// The model-parameter randomisation test (Adebayo et al., "Sanity Checks for Saliency Maps"): replace the weights of
/// the parametrised layers with seeded Gaussian noise of the same spread, cascading from the top layer down, and
/// measure how much the explanation changes. An explainer that still draws the same map has not read the model.
/// </summary>
public sealed class RandomisationCheck(AuditModel model)
{
    private static readonly HashSet<string> Parametrised = new(StringComparer.Ordinal) { "Conv", "Gemm", "MatMul", "ConvTranspose" };

    /// <summary>
    /// Runs the cascade over <paramref name="images"/>, explaining each with <see cref="RandomisationCheckOptions.Explainer"/>
    /// on the trained model and on every randomised copy.
    /// </summary>
    public RandomisationCheckResult Compute(IReadOnlyList<RgbImage> images, RandomisationCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (images.Count == 0)
        {
            throw new ArgumentException("The randomisation check needs at least one image.", nameof(images));
        }

        var explain = options.Explainer;
        var originals = images.Select(i => explain(model, i)).ToArray();
        var layers = model.Graph.Nodes.Where(n => Parametrised.Contains(n.OpType) && n.Inputs.Skip(1).Any(model.Graph.HasConstant)).Reverse().ToArray();
        var proto = model.Graph.Proto.Clone();
        var tensors = Tensors(proto);
        var random = new Random(options.Seed);
        var stages = new List<RandomisationStage>();
        foreach (var layer in layers)
        {
            foreach (var name in layer.Inputs.Skip(1).Where(tensors.ContainsKey))
            {
                Randomise(tensors[name], random, model.Source);
            }

            using var randomised = AuditModel.Load(proto.ToByteArray(), $"{model.Name} (random from {layer.Name})", model.Spec, model.Options);
            var maps = images.Select(i => explain(randomised, i)).ToArray();
            stages.Add(new RandomisationStage(layer.Name,
                originals.Zip(maps, AttributionMetrics.RankCorrelation).Average(),
                originals.Zip(maps, (a, b) => MapSsim.Compute(a.Span, b.Span, a.Width, a.Height, GreyRange.PerMap)).Average()));
        }

        return new RandomisationCheckResult(originals[0].Method, images.Count, stages);
    }

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
