using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelAudit.Models;

/// <summary>
/// Runs one ONNX Runtime session over many input tensors in batches. The input buffer is allocated once and
/// reused, so long audits do not allocate a fresh multi-megabyte array per batch. A model exported with a fixed batch
/// size is run in batches of exactly that size: the last one is padded with copies of its last sample, whose outputs
/// are dropped.
/// </summary>
internal sealed class InferenceEngine : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _source;
    private readonly string _inputName;
    private readonly long[] _sampleShape;
    private readonly int _sampleLength;
    private readonly object _gate = new();
    private float[] _inputBuffer = [];
    private readonly RunOptions _runOptions = new();

    public InferenceEngine(byte[] model, string source, string inputName, long[] sampleShape, IReadOnlyList<string> outputs, EngineOptions options, bool arena = true)
    {
        _source = source;
        _inputName = inputName;
        _sampleShape = sampleShape;
        _sampleLength = (int)sampleShape.Aggregate(1L, (a, b) => a * b);
        OutputNames = outputs.ToArray();
        _outputNames = outputs.ToArray();
        _session = CreateSession(model, source, options, out var provider, arena: arena);
        ExecutionProvider = provider;
        FixedBatch = FixedBatchOf(_session, inputName);
    }

    /// <summary>The batch size the model was exported with, or 0 when its batch dimension is dynamic.</summary>
    public int FixedBatch { get; }

    /// <summary>The execution provider the session runs on: "CPU", "CUDA device 0", or the CPU after a fallback.</summary>
    public string ExecutionProvider { get; }

    private readonly string[] _outputNames;

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>
    /// Runs <paramref name="count"/> samples laid out back to back in <paramref name="inputs"/>, <paramref name="batch"/>
    /// at a time (<see cref="FixedBatch"/> at a time when the model fixes it), and returns, per output, the
    /// concatenated per-sample values and the per-sample shape.
    /// </summary>
    /// <param name="inputs">The samples, back to back.</param>
    /// <param name="count">How many.</param>
    /// <param name="batch">Samples per run.</param>
    /// <param name="checkFinite">Throw on a NaN or infinite output.</param>
    public EngineResult Run(ReadOnlySpan<float> inputs, int count, int batch, bool checkFinite = true)
    {
        if (inputs.Length != count * _sampleLength)
        {
            throw new ArgumentException($"Expected {count} x {_sampleLength} input values, got {inputs.Length}.", nameof(inputs));
        }

        var data = new float[OutputNames.Count][];
        var shapes = new int[OutputNames.Count][];
        batch = FixedBatch > 0 ? FixedBatch : batch;
        lock (_gate)
        {
            var fed = FixedBatch > 0 ? FixedBatch : Math.Min(batch, count);
            if (_inputBuffer.Length < fed * _sampleLength)
            {
                // Grown to the largest batch once, then reused by every run.
                _inputBuffer = new float[fed * _sampleLength];
            }

            for (var start = 0; start < count; start += batch)
            {
                var n = Math.Min(batch, count - start);
                var run = FixedBatch > 0 ? FixedBatch : n;
                inputs.Slice(start * _sampleLength, n * _sampleLength).CopyTo(_inputBuffer);
                for (var pad = n; pad < run; pad++)
                {
                    // Copies of a real sample rather than zeros: padding cannot make a model produce NaN it would not anyway.
                    _inputBuffer.AsSpan((n - 1) * _sampleLength, _sampleLength).CopyTo(_inputBuffer.AsSpan(pad * _sampleLength));
                }

                long[] shape = [run, .. _sampleShape];
                using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _inputBuffer.AsMemory(0, run * _sampleLength), shape);
                using var results = RunSession(input, shape);
                var k = 0;
                foreach (var value in results)
                {
                    var outShape = value.GetTensorTypeAndShape().Shape;
                    var per = (int)(value.GetTensorTypeAndShape().ElementCount / run);
                    ReadOnlySpan<float> span = Floats(value)[..(per * n)];
                    if (data[k] is null)
                    {
                        data[k] = new float[per * count];
                        shapes[k] = outShape.Skip(1).Select(d => (int)d).ToArray();
                    }
                    else if (per * count != data[k].Length)
                    {
                        throw new ModelOutputException($"'{_source}': output '{OutputNames[k]}' changed size between batches ({per} vs {data[k].Length / count} values per image).");
                    }

                    if (checkFinite)
                    {
                        CheckFinite(span, OutputNames[k], start, per);
                    }

                    span.CopyTo(data[k].AsSpan(start * per));
                    k++;
                }
            }
        }

        return new EngineResult(OutputNames, data, shapes);
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>An output's values as floats: quantized integer tensors are read only for their shapes (probes).</summary>
    private static ReadOnlySpan<float> Floats(OrtValue value) => value.GetTensorTypeAndShape().ElementDataType switch
    {
        TensorElementType.Float => value.GetTensorDataAsSpan<float>(),
        TensorElementType.Int8 => Convert(value.GetTensorDataAsSpan<sbyte>(), v => v),
        TensorElementType.UInt8 => Convert(value.GetTensorDataAsSpan<byte>(), v => v),
        TensorElementType.Int32 => Convert(value.GetTensorDataAsSpan<int>(), v => v),
        TensorElementType.Int64 => Convert(value.GetTensorDataAsSpan<long>(), v => v),
        var other => throw new ModelOutputException($"An output of element type {other} cannot be read as numbers."),
    };

    private static float[] Convert<T>(ReadOnlySpan<T> values, Func<T, float> convert)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = convert(values[i]);
        }

        return result;
    }

    /// <summary>The fixed size of <paramref name="inputName"/>'s first axis, or 0 when it is dynamic.</summary>
    internal static int FixedBatchOf(InferenceSession session, string inputName) =>
        session.InputMetadata.TryGetValue(inputName, out var input) && input.Dimensions is [> 0 and var b, ..] ? b : 0;

    /// <summary>An ONNX Runtime error while running, as a ModelAudit error that says which run failed.</summary>
    internal static InvalidModelException RunFailed(string source, IEnumerable<long[]> shapes, OnnxRuntimeException ex) =>
        new($"ONNX Runtime failed to run '{source}' on input shape {string.Join(" and ", shapes.Select(s => $"[{string.Join(",", s)}]"))}: {ex.Message.Trim()} " +
            "Check that the input spec matches the size the model was exported for, and that the model runs in ONNX Runtime on its own.", ex);

    private IDisposableReadOnlyCollection<OrtValue> RunSession(OrtValue input, long[] shape)
    {
        try
        {
            return _session.Run(_runOptions, [_inputName], [input], _outputNames);
        }
        catch (OnnxRuntimeException ex)
        {
            throw RunFailed(_source, [shape], ex);
        }
    }

    /// <summary>A session for a model whose execution provider nobody asks about (sub-models, backward graphs).</summary>
    internal static InferenceSession CreateSession(byte[] model, string source, EngineOptions options, bool spinning = true, bool arena = true) =>
        CreateSession(model, source, options, out _, spinning, arena);

    private void CheckFinite(ReadOnlySpan<float> values, string output, int firstImage, int perImage)
    {
        if (NonFinite.IndexIn(values) is var i and >= 0)
        {
            throw new ModelOutputException(
                $"'{_source}' produced {NonFinite.Describe(values[i])} in output '{output}' for input #{firstImage + (i / perImage)} " +
                $"(element {i % perImage}). Check the input spec (normalisation, channel order) and the model's weights.");
        }
    }

    /// <param name="model">The model's bytes.</param>
    /// <param name="source">Where the model came from, for messages.</param>
    /// <param name="options">Threads and execution provider.</param>
    /// <param name="spinning">
    /// Whether worker threads spin for a while after a run, waiting for the next one. That helps one session run back
    /// to back, and hurts when several sessions take turns on the same cores: without it the session uses the
    /// <see cref="SharedRuntime"/>'s arena where it can, and its thread pool too when it asks for every core, or else
    /// threads of its own that block at once.
    /// </param>
    /// <param name="provider">The execution provider the session runs on (<see cref="ExecutionProviders.Append"/>).</param>
    /// <param name="arena">
    /// Whether the session allocates from an arena. Without one every tensor is allocated and freed on its own, so a
    /// session that runs rarely gives its memory back at once instead of keeping its largest run's (see
    /// <see cref="ModelAudit.Occlusion.Incremental.CheckpointedSuffix"/>).
    /// </param>
    internal static InferenceSession CreateSession(byte[] model, string source, EngineOptions options, out string provider, bool spinning = true, bool arena = true)
    {
        SessionOptions so;
        try
        {
            // The first session decides how ONNX Runtime's environment is made: with the shared pool, if it is the first.
            _ = SharedRuntime.IsAvailable;
            so = new SessionOptions
            {
                IntraOpNumThreads = options.Threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw ExecutionProviders.NativeLibraryMissing(ex);
        }

        try
        {
            if (!arena)
            {
                so.EnableCpuMemArena = false;
            }

            if (!spinning)
            {
                if (arena)
                {
                    SharedRuntime.UseArena(so);
                }

                if (!(options.Threads == Environment.ProcessorCount && SharedRuntime.UsePool(so)))
                {
                    so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
                }
            }
            else
            {
                // Said out loud rather than left to the default: batched runs come back to back, and threads that
                // block between them make every run pay to wake them.
                so.AddSessionConfigEntry("session.intra_op.allow_spinning", "1");
            }

            provider = ExecutionProviders.Append(so, options, source);
            var session = new InferenceSession(model, so);
            NativeHeap.Trim();
            return session;
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidModelException($"ONNX Runtime cannot load '{source}': {ex.Message}", ex);
        }
        finally
        {
            // The native session keeps its own copy of the options.
            so.Dispose();
        }
    }
}

/// <summary>Outputs of one engine run: per output, the values of every sample back to back, and one sample's shape.</summary>
internal sealed record EngineResult(IReadOnlyList<string> Names, float[][] Data, int[][] Shapes)
{
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"Output '{name}' was not computed.");
    }

    public ReadOnlySpan<float> Sample(int output, int sample)
    {
        var per = Shapes[output].Aggregate(1, (a, b) => a * b);
        return Data[output].AsSpan(sample * per, per);
    }
}
