using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using ModelAudit.Gradients.Backward;
using ModelAudit.Models;
using GradientException = ModelAudit.Gradients.GradientException;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The network between two tensors, run forward and differentiated in segments (gradient checkpointing): the forward
/// pass keeps only the tensors that cross from one segment to the next, and the backward pass recomputes each
/// segment's activations from them, last segment first. A backward pass through the whole network at once holds every
/// activation at the same time, gigabytes for a segmenter at 1024²; here it holds one segment's.
/// </summary>
/// <remarks>
/// Segments end where few tensors cross (at most <see cref="MaxCrossing"/>: a block's output, and a skip or an early
/// feature map kept for a decoder). Each reaches as far as its activations, as ONNX Runtime's shape inference sizes
/// them, stay within the budget, and at least to the next boundary. A network whose node count times its input's
/// bytes fits the budget is one segment: then this is one forward+backward graph, as without checkpointing. The
/// segments' sessions have no arena, and the memory is given back after each segment's backward pass: an arena would
/// keep the largest segment's activations, and fragment across segments of different shapes.
/// </remarks>
internal sealed class CheckpointedSuffix : IDisposable
{
    /// <summary>The default budget of a segment: the bytes of the activations its forward pass computes for one sample.</summary>
    public const long DefaultSegmentBudgetBytes = 64L << 20;

    /// <summary>The most tensors that may cross a segment boundary.</summary>
    private const int MaxCrossing = 3;

    private readonly GraphLocality _locality;
    private readonly string _from;
    private readonly long[] _fromShape;
    private readonly string _end;
    private readonly EngineOptions _options;
    private readonly string _source;
    private readonly long _budget;
    private readonly int[] _nodes;
    private readonly Dictionary<string, int> _producedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastUse = new(StringComparer.Ordinal);
    private readonly bool[] _boundary;

    // The tensors a gradient can flow through: float tensors computed from the input.
    private readonly HashSet<string> _differentiable = new(StringComparer.Ordinal);
    private readonly List<Segment> _segments = [];
    private readonly object _gate = new();

    // The boundary tensors of the last input run forward, by name, and a copy of that input.
    private Dictionary<string, Value>? _kept;
    private float[]? _keptFor;

    /// <param name="locality">The model's graph analysis.</param>
    /// <param name="from">The tensor differentiated: the network's input here.</param>
    /// <param name="fromShape">Its shape for one sample, without the batch axis.</param>
    /// <param name="end">The network's output: the target tensor.</param>
    /// <param name="options">Threads and execution provider of the sessions.</param>
    /// <param name="source">The model's source, for messages.</param>
    /// <param name="budgetBytes">The segment budget (<see cref="DefaultSegmentBudgetBytes"/>).</param>
    public CheckpointedSuffix(GraphLocality locality, string from, int[] fromShape, string end, EngineOptions options, string source, long budgetBytes = DefaultSegmentBudgetBytes)
    {
        (_locality, _from, _end, _options, _source, _budget) = (locality, from, end, options, source, budgetBytes);
        _fromShape = [1, .. fromShape.Select(d => (long)d)];
        var graph = locality.Graph.Proto.Graph;
        var between = locality.NodesBetween(from, end)
            ?? throw new GradientException($"'{source}': '{end}' depends on the input along a path that avoids '{from}'.");

        // Only nodes that compute from the input: constant producers go with the segment that reads them.
        var data = new HashSet<string>([from], StringComparer.Ordinal);
        _differentiable.Add(from);
        var nodes = new List<int>();
        foreach (var index in between)
        {
            var node = graph.Node[index];
            if (!node.Input.Any(data.Contains))
            {
                continue;
            }

            nodes.Add(index);
            data.UnionWith(node.Output.Where(o => o.Length > 0));
            if (AdjointRules.DifferentiableInputs(node).Any(k => _differentiable.Contains(node.Input[k])))
            {
                _differentiable.UnionWith(node.Output.Where(o => o.Length > 0));
            }
        }

        // Whether the whole network can be differentiated, said now rather than at the first run: the builder's
        // analysis reads the model's own graph, only the nodes between the two tensors.
        _ = new BackwardGraphBuilder(locality.Graph.Proto, $"{source} [{from} -> {end}]", end, from);
        _nodes = [.. nodes];
        _producedAt[from] = -1;
        for (var p = 0; p < _nodes.Length; p++)
        {
            var node = graph.Node[_nodes[p]];
            foreach (var input in node.Input.Where(data.Contains))
            {
                _lastUse[input] = p;
            }

            foreach (var output in node.Output.Where(o => o.Length > 0))
            {
                _producedAt[output] = p;
            }
        }

        _lastUse[end] = int.MaxValue;

        // A boundary after node p: few tensors cross it, and the backward pass can carry a gradient through each.
        _boundary = new bool[_nodes.Length];
        for (var p = 0; p < _nodes.Length; p++)
        {
            var crossing = Crossing(p);
            _boundary[p] = p == _nodes.Length - 1 || (crossing.Length <= MaxCrossing && crossing.All(_differentiable.Contains));
        }
    }

    /// <summary>How many segments the network was cut into (known after the first <see cref="Forward"/>).</summary>
    public int Segments => _segments.Count;

    /// <summary>The output for one sample's input <paramref name="input"/>; the boundaries are kept for <see cref="Gradient"/>.</summary>
    public float[] Forward(float[] input)
    {
        lock (_gate)
        {
            return ForwardKept(input)[_end].Data;
        }
    }

    /// <summary>The gradient of Σ seed·output with respect to the input, for one sample.</summary>
    public float[] Gradient(float[] input, float[] seed)
    {
        lock (_gate)
        {
            var values = ForwardKept(input);
            var gradients = new Dictionary<string, float[]>(StringComparer.Ordinal) { [_end] = seed };
            for (var s = _segments.Count - 1; s >= 0; s--)
            {
                var segment = _segments[s];
                var inputs = segment.Inputs.Select(name => values[name]).ToArray();
                var seeds = segment.Outputs.Select(name => gradients.Remove(name, out var g) ? g : new float[values[name].Data.Length]).ToArray();
                var results = segment.Backward(inputs, seeds);

                // No earlier segment reads this one's outputs. Without an arena its activations went back to the C
                // heap; both go back to the system before the next segment runs.
                foreach (var output in segment.Outputs.Where(o => o != _end))
                {
                    values.Remove(output);
                }

                Release();
                for (var k = 0; k < segment.Inputs.Length; k++)
                {
                    var name = segment.Inputs[k];
                    if (gradients.TryGetValue(name, out var passed))
                    {
                        // Also read by a later segment: the gradients add.
                        for (var i = 0; i < passed.Length; i++)
                        {
                            passed[i] += results[k][i];
                        }
                    }
                    else
                    {
                        gradients[name] = results[k];
                    }
                }
            }

            var gradient = gradients[_from];

            // The boundaries are dropped once differentiated: an image is expanded once, and for a large network they
            // are hundreds of MB.
            (_kept, _keptFor) = (null, null);
            Release();
            return gradient;
        }
    }

    public void Dispose()
    {
        foreach (var segment in _segments)
        {
            segment.Dispose();
        }
    }

    /// <summary>
    /// Gives the memory of the last runs back to the system when the network is cut into segments: the sessions have
    /// no arena, but the C heap keeps what they freed, and the collector the arrays it has not yet needed to collect.
    /// </summary>
    private void Release()
    {
        if (_segments.Count > 1)
        {
            Collect();
        }
    }

    private static void Collect()
    {
        GC.Collect();
        NativeHeap.Trim();
    }

    /// <summary>The tensors computed at or before node <paramref name="p"/> (the input at −1) that a later node reads, or the output.</summary>
    private string[] Crossing(int p) =>
        [.. _producedAt.Where(t => t.Value <= p && _lastUse.GetValueOrDefault(t.Key, -1) > p).Select(t => t.Key).Order(StringComparer.Ordinal)];

    private Dictionary<string, Value> ForwardKept(float[] input)
    {
        // Callers reuse their buffers: the values are compared, not the array.
        if (_kept is not null && _keptFor.AsSpan().SequenceEqual(input))
        {
            return _kept;
        }

        _kept = null;

        // Every boundary tensor is kept: the backward pass starts each segment from them. The first call cuts the
        // network while it runs forward; its forward sessions are the ones every later call runs.
        var values = new Dictionary<string, Value>(StringComparer.Ordinal) { [_from] = new Value([.. input], _fromShape) };
        var planned = _segments.Count == 0;
        if (planned)
        {
            Plan(values);
        }
        else
        {
            foreach (var segment in _segments)
            {
                var outputs = segment.Forward([.. segment.Inputs.Select(name => values[name])]);
                for (var k = 0; k < outputs.Length; k++)
                {
                    values[segment.Outputs[k]] = outputs[k];
                }
            }
        }

        if (planned)
        {
            // Building the sessions serialised pieces of the model and their backward graphs: for ResNet-18 some 200 MB
            // of arrays on the large-object heap that only a full collection frees. It happens once per network.
            Collect();
        }
        else
        {
            Release();
        }
        (_kept, _keptFor) = (values, [.. input]);
        return values;
    }

    /// <summary>Cuts the network into segments while running <paramref name="values"/> (the input) forward through them.</summary>
    private void Plan(Dictionary<string, Value> values)
    {
        var bytes = OutputBytes(values[_from]);
        var start = -1;
        while (start < _nodes.Length - 1)
        {
            var end = start + 1;
            while (!_boundary[end])
            {
                end++;
            }

            var total = bytes[(start + 1)..(end + 1)].Sum();
            for (var p = end + 1; p < _nodes.Length && (total += bytes[p]) <= _budget; p++)
            {
                if (_boundary[p])
                {
                    end = p;
                }
            }

            _segments.Add(Build(start, end, values));
            start = end;
        }
    }

    /// <summary>
    /// The bytes each node's outputs take for one sample, from ONNX Runtime's shape inference over the whole network
    /// (a session made, never run). All zero when the network's nodes times its input's bytes fit the budget, which
    /// makes it one segment without the cost of that session.
    /// </summary>
    private long[] OutputBytes(Value input)
    {
        var bytes = new long[_nodes.Length];
        if ((long)_nodes.Length * input.Data.Length * sizeof(float) <= _budget)
        {
            return bytes;
        }

        var graph = _locality.Graph.Proto.Graph;
        string[] outputs = [.. _nodes.SelectMany(i => graph.Node[i].Output.Where(_differentiable.Contains)).Distinct(StringComparer.Ordinal)];
        var proto = SubModel.Segment(_locality, "shapes", _nodes, [(_from, input.Shape)], outputs);
        using var session = InferenceEngine.CreateSession(proto.ToByteArray(), _source + " (shapes)", _options, spinning: false, arena: false);
        var known = outputs.ToDictionary(o => o, o => session.OutputMetadata.TryGetValue(o, out var m) && m.Dimensions.All(d => d > 0)
            ? m.Dimensions.Aggregate(1L, (a, d) => a * d) * sizeof(float) : -1L, StringComparer.Ordinal);

        // A size shape inference cannot tell (one that depends on a computed shape) counts as the largest it can.
        var largest = Math.Max(known.Values.DefaultIfEmpty(0).Max(), (long)input.Data.Length * sizeof(float));
        for (var p = 0; p < _nodes.Length; p++)
        {
            // Shape computations (integers off the differentiable path) are a few bytes.
            bytes[p] = graph.Node[_nodes[p]].Output.Where(known.ContainsKey).Sum(o => known[o] is >= 0 and var b ? b : largest);
        }

        return bytes;
    }

    private Segment Build(int start, int end, Dictionary<string, Value> values)
    {
        var graph = _locality.Graph.Proto.Graph;
        var range = _nodes[(start + 1)..(end + 1)];
        var read = range.SelectMany(i => graph.Node[i].Input).ToHashSet(StringComparer.Ordinal);
        string[] inputs = [.. Crossing(start).Where(read.Contains)];
        string[] outputs = [.. Crossing(end).Where(t => _producedAt[t] > start)];
        var name = $"{_source} [{string.Join(", ", inputs)} -> {string.Join(", ", outputs)}]";
        var proto = SubModel.Segment(_locality, $"segment {_segments.Count}", range, inputs.Select(i => (i, values[i].Shape)), outputs);
        var builder = new BackwardGraphBuilder(proto, name, outputs, inputs);

        // The forward session also gives the shapes the backward rules need: one run tells them and the values the
        // next segment starts from. It runs every forward pass after that too; the backward session would run its
        // backward nodes as well.
        var probe = builder.ShapeTensors.Union(outputs, StringComparer.Ordinal).ToArray();
        // A network of one segment runs its backward session on the shared arena, as every other session that runs per
        // image does; the forward session, which then only probes, has none, so that its run is given back.
        var whole = start == -1 && end == _nodes.Length - 1;
        var forward = InferenceEngine.CreateSession(GraphSurgery.AddOutputs(new ModelGraph(proto, name), probe), name, _options, spinning: false, arena: false);
        var shapes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var results = Segment.RunSession(forward, name, inputs, [.. inputs.Select(i => values[i])], [], [], probe, keep: outputs);
        for (var k = 0; k < probe.Length; k++)
        {
            shapes[probe[k]] = [.. results[k].Shape.Skip(1).Select(d => (int)d)];
            if (outputs.Contains(probe[k]))
            {
                values[probe[k]] = results[k];
            }
        }

        foreach (var input in inputs)
        {
            shapes[input] = [.. values[input].Shape.Skip(1).Select(d => (int)d)];
        }

        if (whole)
        {
            // One segment: its forward passes run the backward session with zero seeds rather than keep a second copy
            // of the weights for the rare forward-only call; gone before the backward session loads its own.
            forward.Dispose();
        }

        var backward = InferenceEngine.CreateSession(builder.Build(ReluRule.Gradient, shapes), name + " (backward)", _options, spinning: false, arena: whole);
        return new Segment(whole ? null : forward, backward, name, inputs, outputs, [.. outputs.Select(o => values[o].Shape)]);
    }

    /// <summary>One sample's tensor: its values and its shape, batch axis included.</summary>
    private sealed record Value(float[] Data, long[] Shape);

    /// <summary>One segment's forward session and its forward+backward session.</summary>
    private sealed class Segment(InferenceSession? forward, InferenceSession backward, string source, string[] inputs, string[] outputs, long[][] outputShapes) : IDisposable
    {
        private readonly RunOptions _runOptions = new();

        public string[] Inputs { get; } = inputs;

        public string[] Outputs { get; } = outputs;

        public Value[] Forward(Value[] inputs) => forward is null
            ? RunSession(backward, source + " (backward)", Inputs, inputs, [.. Outputs.Select((_, k) => BackwardGraphBuilder.SeedName(k))],
                [.. outputShapes.Select(shape => new Value(new float[shape.Aggregate(1L, (a, d) => a * d)], shape))], Outputs, _runOptions)
            : RunSession(forward, source, Inputs, inputs, [], [], Outputs, _runOptions);

        /// <summary>The gradients with respect to each input of Σ seed·output.</summary>
        public float[][] Backward(Value[] inputs, float[][] seeds)
        {
            var seedValues = seeds.Select((s, k) => new Value(s, outputShapes[k])).ToArray();
            string[] gradients = [.. Inputs.Select((_, k) => BackwardGraphBuilder.GradientName(k))];
            return [.. RunSession(backward, source + " (backward)", Inputs, inputs, [.. Outputs.Select((_, k) => BackwardGraphBuilder.SeedName(k))], seedValues, gradients, _runOptions).Select(v => v.Data)];
        }

        /// <summary>Runs <paramref name="session"/>; the values of outputs not in <paramref name="keep"/> (default: all) are left empty, only their shapes given.</summary>
        public static Value[] RunSession(InferenceSession session, string source, string[] names, Value[] inputs, string[] seedNames, Value[] seeds, string[] outputs, RunOptions? runOptions = null, IReadOnlyCollection<string>? keep = null)
        {
            var feeds = inputs.Concat(seeds).Select(v => OrtValue.CreateTensorValueFromMemory(v.Data, v.Shape)).ToArray();
            using var options = runOptions is null ? new RunOptions() : null;
            try
            {
                using var results = session.Run(runOptions ?? options!, [.. names, .. seedNames], feeds, outputs);
                return [.. results.Select((r, k) => new Value(keep is null || keep.Contains(outputs[k]) ? r.GetTensorDataAsSpan<float>().ToArray() : [], r.GetTensorTypeAndShape().Shape))];
            }
            catch (OnnxRuntimeException ex)
            {
                throw InferenceEngine.RunFailed(source, [.. inputs.Select(v => v.Shape)], ex);
            }
            finally
            {
                foreach (var feed in feeds)
                {
                    feed.Dispose();
                }
            }
        }

        public void Dispose()
        {
            forward?.Dispose();
            backward.Dispose();
            _runOptions.Dispose();
        }
    }
}
