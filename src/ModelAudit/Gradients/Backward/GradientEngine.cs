using Microsoft.ML.OnnxRuntime;
using ModelAudit.Models;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// One ONNX Runtime session over a forward+backward graph: feeds images and per-sample seeds in batches and returns
/// the target, the gradient of Σ seed·target with respect to the chosen tensor, and that tensor's value.
/// </summary>
internal sealed class GradientEngine : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string[] _outputNames;
    private readonly object _gate = new();
    private readonly RunOptions _runOptions = new();

    private GradientEngine(InferenceSession session, string inputName, int[] inputShape, int[] targetShape, int[] wrtShape, string[] outputNames, int maxBatch)
    {
        _session = session;
        _inputName = inputName;
        InputShape = inputShape;
        TargetShape = targetShape;
        WrtShape = wrtShape;
        MaxBatch = maxBatch;
        _outputNames = outputNames;
    }

    public int[] InputShape { get; }

    public int[] TargetShape { get; }

    public int[] WrtShape { get; }

    public int MaxBatch { get; }

    public int InputLength => Length(InputShape);

    public int TargetLength => Length(TargetShape);

    public int WrtLength => Length(WrtShape);

    /// <summary>Builds the backward graph of <paramref name="graph"/>, probing the shapes it needs with one forward pass.</summary>
    public static GradientEngine Create(ModelGraph graph, string inputName, int[] inputShape, bool dynamicBatch, string target, string wrt, ReluRule rule, EngineOptions options, BackwardFlags flags = BackwardFlags.None, bool spinning = true)
    {
        var builder = new BackwardGraphBuilder(graph.Proto, graph.Source, target, wrt, flags.HasFlag(BackwardFlags.LocalOnly));
        var probe = builder.ShapeTensors;
        var maxBatch = dynamicBatch ? options.FixedBatchSize : 1;
        var shapes = new Dictionary<string, int[]>(StringComparer.Ordinal) { [inputName] = inputShape };
        if (probe.Count > 0)
        {
            using var engine = new InferenceEngine(GraphSurgery.AddOutputs(graph, probe), graph.Source, inputName, inputShape.Select(d => (long)d).ToArray(), probe, options);
            var result = engine.Run(new float[Length(inputShape)], 1, 1, checkFinite: false);
            for (var i = 0; i < probe.Count; i++)
            {
                shapes[probe[i]] = result.Shapes[i];
            }
        }

        var bytes = builder.Build(rule, shapes, flags.HasFlag(BackwardFlags.SquareTarget));
        var session = InferenceEngine.CreateSession(bytes, graph.Source + " (backward)", options, spinning);
        string[] outputs = wrt == inputName ? [target, BackwardGraphBuilder.GradientOutput] : [target, BackwardGraphBuilder.GradientOutput, wrt];
        return new GradientEngine(session, inputName, inputShape, shapes[target], shapes[wrt], outputs, maxBatch);
    }

    /// <summary>The target of one sample without the backward pass: ONNX Runtime runs only the nodes a requested output needs.</summary>
    public float[] Forward(ReadOnlySpan<float> input)
    {
        if (input.Length != InputLength)
        {
            throw new ArgumentException($"Expected {InputLength} input values, got {input.Length}.");
        }

        lock (_gate)
        {
            using var xValue = OrtValue.CreateTensorValueFromMemory(input.ToArray(), [1, .. InputShape.Select(d => (long)d)]);
            using var sValue = OrtValue.CreateTensorValueFromMemory(new float[TargetLength], [1, .. TargetShape.Select(d => (long)d)]);
            using var results = _session.Run(_runOptions, [_inputName, BackwardGraphBuilder.SeedInput], [xValue, sValue], [_outputNames[0]]);
            return results[0].GetTensorDataAsSpan<float>().ToArray();
        }
    }

    /// <summary>Runs <paramref name="count"/> samples; <paramref name="seeds"/> holds one target-shaped seed per sample.</summary>
    public GradientResult Run(ReadOnlySpan<float> inputs, ReadOnlySpan<float> seeds, int count)
    {
        if (inputs.Length != count * InputLength || seeds.Length != count * TargetLength)
        {
            throw new ArgumentException($"Expected {count} x {InputLength} input values and {count} x {TargetLength} seeds, got {inputs.Length} and {seeds.Length}.");
        }

        var target = new float[count * TargetLength];
        var gradient = new float[count * WrtLength];
        var wrt = _outputNames.Length > 2 ? new float[count * WrtLength] : null;
        lock (_gate)
        {
            for (var start = 0; start < count; start += MaxBatch)
            {
                var n = Math.Min(MaxBatch, count - start);
                var x = inputs.Slice(start * InputLength, n * InputLength).ToArray();
                var s = seeds.Slice(start * TargetLength, n * TargetLength).ToArray();
                using var xValue = OrtValue.CreateTensorValueFromMemory(x, [n, .. InputShape.Select(d => (long)d)]);
                using var sValue = OrtValue.CreateTensorValueFromMemory(s, [n, .. TargetShape.Select(d => (long)d)]);
                using var results = _session.Run(_runOptions, [_inputName, BackwardGraphBuilder.SeedInput], [xValue, sValue], _outputNames);
                results[0].GetTensorDataAsSpan<float>().CopyTo(target.AsSpan(start * TargetLength));
                results[1].GetTensorDataAsSpan<float>().CopyTo(gradient.AsSpan(start * WrtLength));
                if (wrt is not null)
                {
                    results[2].GetTensorDataAsSpan<float>().CopyTo(wrt.AsSpan(start * WrtLength));
                }
            }
        }

        return new GradientResult(target, gradient, wrt);
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private static int Length(int[] shape) => shape.Aggregate(1, (a, b) => a * b);
}
