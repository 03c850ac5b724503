using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.ML;
using ModelAudit.Imaging;
using ModelAudit.Pipelines;

namespace ModelAudit.Models;

/// <summary>
/// The model under audit: an ONNX file plus the <see cref="InputSpec"/> that turns images into its input, loaded
/// from the file (<see cref="Load(string, InputSpec, EngineOptions?)"/>) or read from the ML.NET pipeline a service
/// runs (<see cref="FromPipeline(MLContext, ITransformer, PipelineOptions?)"/>). Audits run it through a batched ONNX
/// Runtime session; <see cref="CreateReferencePipeline"/> gives the same model as an ML.NET pipeline, the reference the
/// fast path is checked against.
/// </summary>
public sealed class AuditModel : IDisposable
{
    private readonly Dictionary<string, InferenceEngine> _engines = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, IDisposable> _companions = [];
    private readonly Dictionary<string, int[]> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<Targets.Target, Targets.BoundTarget> _targets = [];
    private readonly long[] _sampleShape;
    private int _batch;
    private bool _disposed;
    private long _forwardPasses;
    private long _backwardPasses;
    private PipelineScorer? _pipeline;

    private AuditModel(byte[] file, string source, string name, InputSpec spec, EngineOptions options, string? folder)
    {
        var (proto, bytes) = OnnxFile.Read(file, source, folder);
        Source = source;
        Name = name;
        Spec = spec;
        Options = options;

        // Of the whole model, external weights included: retrained weights in a side file change the hash too.
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Graph = new ModelGraph(proto, source);
        Input = ModelContract.ImageInput(Graph, spec);
        Output = Graph.Outputs[0];
        OutputsProbabilities = Graph.ProducerOf(Output.Name)?.OpType == "Softmax";
        _sampleShape = [spec.ChannelCount, spec.Height, spec.Width];
        // A fixed batch size is the only one the model runs at: there is nothing to measure or choose.
        _batch = Input.Shape[0] is { IsDynamic: false, Value: > 0 and var fixedBatch } ? (int)fixedBatch : options.BatchSize;
        // A probe pass learns the output's per-image shape (and so the class count) when it is dynamic; its values are not
        // used. It runs in a session of its own without an arena, given back at once: the model's engine is made when
        // something runs the model, and a model audited only in pieces (incremental occlusion) never holds the memory
        // of a whole-image run, 200 MB for a segmenter at 1024².
        using (var probe = new InferenceEngine(bytes, source, Input.Name, _sampleShape, [Output.Name], options, arena: false))
        {
            OutputShape = probe.Run(new float[spec.TensorLength], 1, 1, checkFinite: false).Shapes[0];
        }

        NativeHeap.Trim();
    }

    /// <summary>The file path, or the name given with the bytes.</summary>
    public string Source { get; }

    /// <summary>A short name for reports: the file name without its folder.</summary>
    public string Name { get; }

    public string Sha256 { get; }

    public InputSpec Spec { get; }

    public EngineOptions Options { get; }

    public ModelGraph Graph { get; }

    public TensorInfo Input { get; }

    /// <summary>The graph's first output: the class scores of a classifier, the map of a dense model, and what targets read by default.</summary>
    public TensorInfo Output { get; }

    /// <summary>The per-image shape of <see cref="Output"/> at the spec's input size, without the batch axis.</summary>
    public IReadOnlyList<int> OutputShape { get; }

    /// <summary>True when <see cref="Output"/> holds one score per class: its per-image shape is [classes].</summary>
    public bool IsClassifier => OutputShape.Count == 1 && Output.ElementType == "float";

    /// <summary>The number of classes, for a classifier (<see cref="IsClassifier"/>).</summary>
    /// <exception cref="InvalidModelException">The first output is not class scores.</exception>
    public int ClassCount => IsClassifier
        ? OutputShape[0]
        : throw new InvalidModelException(
            $"'{Source}': output '{Output.Name}' has per-image shape [{string.Join(",", OutputShape)}] ({Output.ElementType}), not class scores [classes]. " +
            "Audits that score a model need a target that reads its outputs: a dense target (mean of an output channel in the image's box) " +
            "for segmentation and text-detection maps, a sequence target for CTC recognisers, or a custom target.");

    /// <summary>
    /// Images per forward pass: the model's own batch size when it was exported with a fixed one (fewer images are
    /// padded to it), else <see cref="EngineOptions.BatchSize"/> when set, otherwise measured the first time it is
    /// needed (a few runs of the model, at most about half a second).
    /// </summary>
    public int BatchSize
    {
        get
        {
            lock (_engines)
            {
                if (_batch == 0)
                {
                    _batch = BatchSizing.Measure(Engine([]), Spec.TensorLength);
                }

                return _batch;
            }
        }
    }

    /// <summary>True when the graph ends in Softmax; otherwise ModelAudit applies Softmax to the logits.</summary>
    public bool OutputsProbabilities { get; }

    /// <summary>
    /// The execution provider the model's engine runs on: "CPU", "CUDA device 0", or "CPU (CUDA device 0 unavailable:
    /// fell back)" when <see cref="EngineOptions.FallbackToCpu"/> let it.
    /// </summary>
    public string ExecutionProvider => Engine([]).ExecutionProvider;

    /// <summary>The ONNX Runtime native library in this process, e.g. "1.32.0".</summary>
    public static string OnnxRuntimeVersion => ExecutionProviders.OnnxRuntimeVersion;

    /// <summary>The ML.NET pipeline the model was read from, with the check that its spec reproduces it; null for a model loaded from its file.</summary>
    public PipelineDescription? Pipeline { get; private set; }

    /// <summary>
    /// The model as ONNX bytes, made afresh from the parsed graph for each session that needs them: keeping the file's
    /// bytes beside the graph would hold every weight twice for the model's lifetime.
    /// </summary>
    internal byte[] Serialize() => Graph.Proto.ToByteArray();

    public static AuditModel Load(string path, InputSpec spec, EngineOptions? options = null)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"Model file '{path}' does not exist.");
        }

        return new AuditModel(File.ReadAllBytes(path), path, Path.GetFileName(path), spec, Validated(options), OnnxFile.FolderOf(path));
    }

    /// <summary>Loads a model from its bytes; weights kept in external data files cannot be found this way (load it from its path).</summary>
    public static AuditModel Load(byte[] onnx, string name, InputSpec spec, EngineOptions? options = null) =>
        new((byte[])onnx.Clone(), name, name, spec, Validated(options), folder: null);

    /// <summary>
    /// The model a fitted ML.NET pipeline runs: the ONNX file of its last <c>ApplyOnnxModel</c>, with the spec its image
    /// steps amount to (<c>LoadImages</c> → <c>ResizeImages</c> size, kind and crop anchor; <c>ConvertToGrayscale</c>;
    /// <c>ExtractPixels</c> colours, order, offset and scale) and ML.NET's own resampling. Before it returns, the spec is
    /// checked: <see cref="PipelineOptions.Images"/> are scored through the pipeline and through the engine, and every
    /// output value must agree within <see cref="PipelineOptions.Tolerance"/> (<see cref="Pipeline"/> keeps the result).
    /// </summary>
    /// <exception cref="PipelineException">A step on the image's path has no exact counterpart (named in the message), or the check failed.</exception>
    public static AuditModel FromPipeline(MLContext context, ITransformer pipeline, PipelineOptions? options = null) =>
        FromPipeline(context, PipelineReader.Read(pipeline), options);

    /// <summary>As <see cref="FromPipeline(MLContext, ITransformer, PipelineOptions?)"/>, for a pipeline not yet fitted (image steps and ApplyOnnxModel learn nothing).</summary>
    public static AuditModel FromPipeline(MLContext context, IEstimator<ITransformer> pipeline, PipelineOptions? options = null) =>
        FromPipeline(context, PipelineReader.Read(pipeline), options);

    /// <summary>
    /// Scores <paramref name="images"/> through the ML.NET pipeline the model was read from and through the engine, and
    /// returns the largest difference over every output value.
    /// </summary>
    /// <exception cref="PipelineException">A difference exceeds <paramref name="tolerance"/>: the message gives the image, the value and the spec.</exception>
    public PipelineAgreement VerifyPipeline(IReadOnlyList<RgbImage> images, double tolerance = 1e-4)
    {
        ThrowIfDisposed();
        var scorer = _pipeline ?? throw new InvalidOperationException($"'{Name}' was loaded from its ONNX file, not read from an ML.NET pipeline (AuditModel.FromPipeline).");
        return PipelineCheck.Run(this, scorer, images, tolerance);
    }

    /// <summary>Scores one image, returning the tensors named in <paramref name="taps"/> too.</summary>
    public Prediction Predict(RgbImage image, params string[] taps) => Predict([image], taps)[0];

    /// <summary>Scores many images in batches; tensors are made a bounded number of images at a time.</summary>
    public IReadOnlyList<Prediction> Predict(IReadOnlyList<RgbImage> images, IReadOnlyList<string>? taps = null)
    {
        var chunk = Math.Max(_batch, 256);
        var predictions = new List<Prediction>(images.Count);
        var tensors = new float[Math.Min(chunk, images.Count) * Spec.TensorLength];
        for (var start = 0; start < images.Count; start += chunk)
        {
            var n = Math.Min(chunk, images.Count - start);
            for (var i = 0; i < n; i++)
            {
                Spec.WriteTensor(images[start + i], tensors.AsSpan(i * Spec.TensorLength, Spec.TensorLength));
            }

            predictions.AddRange(PredictTensors(tensors.AsSpan(0, n * Spec.TensorLength), n, taps));
        }

        return predictions;
    }

    /// <summary>Scores input tensors already laid out as the spec says (C·H·W floats per image, back to back).</summary>
    public IReadOnlyList<Prediction> PredictTensors(ReadOnlySpan<float> tensors, int count, IReadOnlyList<string>? taps = null)
    {
        var result = Run(tensors, count, taps ?? []);
        var predictions = new Prediction[count];
        for (var i = 0; i < count; i++)
        {
            var scores = result.Sample(0, i).ToArray();
            // The output itself is a tap too: a map model's values read as they are, with their shape.
            var tapValues = new Dictionary<string, TensorValue>(StringComparer.Ordinal) { [result.Names[0]] = new TensorValue(result.Shapes[0], scores) };
            for (var t = 1; t < result.Names.Count; t++)
            {
                tapValues[result.Names[t]] = new TensorValue(result.Shapes[t], result.Sample(t, i).ToArray());
            }

            predictions[i] = OutputsProbabilities
                ? new Prediction(scores, null, tapValues)
                : new Prediction(Softmax(scores), scores, tapValues);
        }

        return predictions;
    }

    /// <summary>
    /// Class probabilities only, <c>count × ClassCount</c> back to back: the hot path for audits that run
    /// the model hundreds of times per image.
    /// </summary>
    internal float[] Probabilities(ReadOnlySpan<float> tensors, int count)
    {
        var scores = Run(tensors, count, []).Data[0];
        if (!OutputsProbabilities)
        {
            for (var i = 0; i < count; i++)
            {
                SoftmaxInPlace(scores.AsSpan(i * ClassCount, ClassCount));
            }
        }

        return scores;
    }

    internal EngineResult Run(ReadOnlySpan<float> tensors, int count, IReadOnlyList<string> taps)
    {
        Interlocked.Add(ref _forwardPasses, count);
        return Engine(taps).Run(tensors, count, count == 1 ? 1 : BatchSize);
    }

    /// <summary>
    /// Images run forward through the whole model since it was loaded, counted once per image (batching does not
    /// change it; the probes that learn shapes and the batch size are not counted). What an audit costs, in units a
    /// user can budget: see <see cref="BackwardPasses"/> for the gradient methods.
    /// </summary>
    public long ForwardPasses => Interlocked.Read(ref _forwardPasses);

    /// <summary>Images run through a backward graph (each is a forward and a backward pass) since the model was loaded.</summary>
    public long BackwardPasses => Interlocked.Read(ref _backwardPasses);

    internal void CountBackwardPasses(int images) => Interlocked.Add(ref _backwardPasses, images);

    /// <summary>The per-image shape of any output or tappable tensor at the spec's input size (one probe pass, then kept).</summary>
    internal IReadOnlyList<int> ShapeOf(string tensor)
    {
        if (tensor == Output.Name)
        {
            return OutputShape;
        }

        lock (_shapes)
        {
            if (!_shapes.TryGetValue(tensor, out var shape))
            {
                var result = Engine([tensor]).Run(new float[Spec.TensorLength], 1, 1, checkFinite: false);
                shape = _shapes[tensor] = result.Shapes[result.IndexOf(tensor)];
            }

            return shape;
        }
    }

    /// <summary>
    /// <paramref name="target"/> checked against this model and bound to the tensor it reads, once per target: every
    /// audit on the model shares the binding (and the shape probe it may need).
    /// </summary>
    internal Targets.BoundTarget Bind(Targets.Target target)
    {
        lock (_targets)
        {
            if (!_targets.TryGetValue(target, out var bound))
            {
                bound = _targets[target] = target.Bind(this);
            }

            return bound;
        }
    }

    /// <summary>The same model as an ML.NET pipeline (<c>ApplyOnnxModel</c>), for reference scoring.</summary>
    public ReferencePipeline CreateReferencePipeline() => new(this);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_engines)
        {
            foreach (var engine in _engines.Values)
            {
                engine.Dispose();
            }

            _engines.Clear();
        }

        lock (_companions)
        {
            foreach (var companion in _companions.Values)
            {
                companion.Dispose();
            }

            _companions.Clear();
        }
    }

    /// <summary>Throws when the model has been disposed: what is built from it has been disposed too.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>
    /// The one <typeparamref name="T"/> kept with this model (sessions and analyses built from it), created on first
    /// use and disposed with the model.
    /// </summary>
    internal T Companion<T>(Func<AuditModel, T> create)
        where T : class, IDisposable
    {
        ThrowIfDisposed();
        lock (_companions)
        {
            if (!_companions.TryGetValue(typeof(T), out var companion))
            {
                companion = create(this);
                _companions[typeof(T)] = companion;
            }

            return (T)companion;
        }
    }

    internal static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var p = logits.ToArray();
        SoftmaxInPlace(p);
        return p;
    }

    private static void SoftmaxInPlace(Span<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Exp(values[i] - max);
            sum += values[i];
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(values[i] / sum);
        }
    }

    private static AuditModel FromPipeline(MLContext context, PipelineSteps steps, PipelineOptions? options)
    {
        var o = options ?? new PipelineOptions();
        o.Validate();
        var model = new AuditModel(File.ReadAllBytes(steps.ModelFile), steps.ModelFile, Path.GetFileName(steps.ModelFile), steps.Spec, Validated(o.Engine), OnnxFile.FolderOf(steps.ModelFile));
        try
        {
            model._pipeline = new PipelineScorer(context, steps);
            var agreement = PipelineCheck.Run(model, model._pipeline, o.Images ?? PipelineCheck.DefaultImages(steps.Spec), o.Tolerance);
            model.Pipeline = new PipelineDescription(steps.Transforms, steps.Ignored, steps.ImageColumn, steps.OnnxOutput, PipelineReader.MlNetVersion, agreement);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static EngineOptions Validated(EngineOptions? options)
    {
        var o = options ?? new EngineOptions();
        o.Validate();
        return o;
    }

    /// <summary>One session per set of taps: adding outputs changes the graph, so each set gets its own.</summary>
    private InferenceEngine Engine(IReadOnlyList<string> taps)
    {
        ThrowIfDisposed();
        var wanted = taps.Where(t => t != Output.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (wanted.FirstOrDefault(t => !Graph.TappableTensors.Contains(t)) is { } unknown)
        {
            throw new InvalidModelException(
                $"'{Source}' has no intermediate tensor named '{unknown}' that can be tapped (weights and quantized integer tensors cannot). Run `modelaudit inspect` to list the tappable tensors.");
        }

        var key = string.Join("\n", wanted);
        lock (_engines)
        {
            if (!_engines.TryGetValue(key, out var engine))
            {
                var bytes = wanted.Length == 0 ? Serialize() : GraphSurgery.AddOutputs(Graph, wanted);
                engine = new InferenceEngine(bytes, Source, Input.Name, _sampleShape, [Output.Name, .. wanted], Options);
                _engines[key] = engine;
            }

            return engine;
        }
    }
}
