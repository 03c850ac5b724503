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
    private readonly string _source;

    // A model exported with a fixed batch runs exactly MaxBatch samples at a time, padded with zeros.
    private readonly bool _fixed;

    private GradientEngine(InferenceSession session, string inputName, int[] inputShape, int[] targetShape, int[] wrtShape, string[] outputNames, int maxBatch, string source, bool fixedBatch)
    {
        _source = source;
        _fixed = fixedBatch;
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
    /// <remarks>With <paramref name="relevance"/> the graph propagates relevance (LRP) by those rules, batch norms folded into their convs.</remarks>
    public static GradientEngine Create(ModelGraph graph, string inputName, int[] inputShape, bool dynamicBatch, string target, string wrt, ReluRule rule, EngineOptions options, BackwardFlags flags = BackwardFlags.None, bool spinning = true, RelevanceRules? relevance = null)
    {
        var builder = new BackwardGraphBuilder(graph.Proto, graph.Source, target, wrt, flags.HasFlag(BackwardFlags.LocalOnly), canonise: relevance is not null);
        var probe = builder.ShapeTensors;
        var maxBatch = dynamicBatch ? options.FixedBatchSize : 1;
        var shapes = new Dictionary<string, int[]>(StringComparer.Ordinal) { [inputName] = inputShape };
        var batchAxes = new Dictionary<string, int>(StringComparer.Ordinal);
        if (probe.Count > 0)
        {
            using var engine = new InferenceEngine(GraphSurgery.AddOutputs(graph, probe), graph.Source, inputName, inputShape.Select(d => (long)d).ToArray(), probe, options);
            var one = engine.Run(new float[Length(inputShape)], 1, 1, checkFinite: false);

            // A second probe with two samples finds tensors whose batch axis is not the first: the axis that doubles.
            // An engine that runs one sample at a time never meets them (and a large input's probe costs gigabytes).
            var two = engine.FixedBatch > 0 || !dynamicBatch ? one : engine.Run(new float[2 * Length(inputShape)], 2, 2, checkFinite: false);
            for (var i = 0; i < probe.Count; i++)
            {
                shapes[probe[i]] = one.Shapes[i];
                var moved = Enumerable.Range(0, one.Shapes[i].Length).FirstOrDefault(a => two.Shapes[i][a] == 2 * one.Shapes[i][a] && one.Shapes[i][a] == 1, -1);
                if (two.Shapes[i].SequenceEqual(one.Shapes[i]) || moved < 0)
                {
                    continue;
                }

                // The engine split the shape after axis 0, taking that axis for the batch: put it back, drop the real one.
                var lead = one.Data[i].Length / Math.Max(1, Length(one.Shapes[i]));
                shapes[probe[i]] = [lead, .. one.Shapes[i].Where((_, a) => a != moved)];
                batchAxes[probe[i]] = moved + 1;
            }
        }

        var bytes = builder.Build(rule, shapes, flags.HasFlag(BackwardFlags.SquareTarget), batchAxes, relevance);
        var session = InferenceEngine.CreateSession(bytes, graph.Source + " (backward)", options, spinning);
        string[] outputs = wrt == inputName ? [target, BackwardGraphBuilder.GradientOutput] : [target, BackwardGraphBuilder.GradientOutput, wrt];
        var fixedBatch = InferenceEngine.FixedBatchOf(session, inputName);
        return new GradientEngine(session, inputName, inputShape, shapes[target], shapes[wrt], outputs, fixedBatch > 0 ? fixedBatch : maxBatch, graph.Source, fixedBatch > 0);
    }

    /// <summary>
    /// The target of one sample. ONNX Runtime runs every node of the graph whatever is fetched, so the backward nodes
    /// run too, on a zero seed; a caller that needs forward passes often keeps a forward session of its own.
    /// </summary>
    public float[] Forward(ReadOnlySpan<float> input)
    {
        if (input.Length != InputLength)
        {
            throw new ArgumentException($"Expected {InputLength} input values, got {input.Length}.");
        }

        lock (_gate)
        {
            var b = _fixed ? MaxBatch : 1;
            var x = new float[b * InputLength];
            input.CopyTo(x);
            using var xValue = OrtValue.CreateTensorValueFromMemory(x, [b, .. InputShape.Select(d => (long)d)]);
            using var sValue = OrtValue.CreateTensorValueFromMemory(new float[b * TargetLength], [b, .. TargetShape.Select(d => (long)d)]);
            using var results = RunSession([xValue, sValue], [_outputNames[0]], b);
            return results[0].GetTensorDataAsSpan<float>()[..TargetLength].ToArray();
        }
    }

    /// <summary>Told how many images each run takes, for the model's pass count. Default none.</summary>
    public Action<int>? Counted { get; set; }

    /// <summary>Runs <paramref name="count"/> samples; <paramref name="seeds"/> holds one target-shaped seed per sample.</summary>
    public GradientResult Run(ReadOnlySpan<float> inputs, ReadOnlySpan<float> seeds, int count)
    {
        Counted?.Invoke(count);
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
                var b = _fixed ? MaxBatch : n;
                var x = new float[b * InputLength];
                var s = new float[b * TargetLength];
                inputs.Slice(start * InputLength, n * InputLength).CopyTo(x);
                seeds.Slice(start * TargetLength, n * TargetLength).CopyTo(s);
                using var xValue = OrtValue.CreateTensorValueFromMemory(x, [b, .. InputShape.Select(d => (long)d)]);
                using var sValue = OrtValue.CreateTensorValueFromMemory(s, [b, .. TargetShape.Select(d => (long)d)]);
                using var results = RunSession([xValue, sValue], _outputNames, b);
                results[0].GetTensorDataAsSpan<float>()[..(n * TargetLength)].CopyTo(target.AsSpan(start * TargetLength));
                results[1].GetTensorDataAsSpan<float>()[..(n * WrtLength)].CopyTo(gradient.AsSpan(start * WrtLength));
                if (wrt is not null)
                {
                    results[2].GetTensorDataAsSpan<float>()[..(n * WrtLength)].CopyTo(wrt.AsSpan(start * WrtLength));
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

    private IDisposableReadOnlyCollection<OrtValue> RunSession(OrtValue[] inputs, string[] outputs, int batch)
    {
        try
        {
            return _session.Run(_runOptions, [_inputName, BackwardGraphBuilder.SeedInput], inputs, outputs);
        }
        catch (OnnxRuntimeException ex)
        {
            throw InferenceEngine.RunFailed(_source + " (backward)", [[batch, .. InputShape.Select(d => (long)d)]], ex);
        }
    }

    private static int Length(int[] shape) => shape.Aggregate(1, (a, b) => a * b);
}
