using Microsoft.ML.OnnxRuntime;
using ModelAudit.Models;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>An ONNX Runtime session for one piece of a split model, fed from reused buffers with any spatial size.</summary>
internal sealed class StageSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputs;
    private readonly string[] _outputs;
    private readonly RunOptions _runOptions = new();
    private readonly string _source;

    /// <summary>The tensor the session's (first) output is, for messages.</summary>
    public string Output => _outputs[0];

    /// <param name="model">The piece's bytes.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <param name="inputs">Its input tensors.</param>
    /// <param name="outputs">Its output tensors.</param>
    /// <param name="options">Threads and execution provider.</param>
    /// <param name="arena">Whether it allocates from the shared arena: not for a piece that runs once per image on the whole image.</param>
    public StageSession(byte[] model, string source, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, EngineOptions options, bool arena = true)
    {
        // Many of these sessions take turns on the same cores: threads left spinning after one session's run would
        // slow the next one down by half.
        _session = InferenceEngine.CreateSession(model, source, options, spinning: false, arena);
        _source = source;
        _inputs = [.. inputs];
        _outputs = [.. outputs];
    }

    /// <summary>
    /// Runs the inputs (each a buffer and the shape of its used front, batch first) and hands every output's values
    /// and shape, by index, to <paramref name="read"/> before ONNX Runtime takes the memory back.
    /// </summary>
    public void Run(ReadOnlySpan<(float[] Buffer, long[] Shape)> inputs, OutputReader read) =>
        Run(inputs, values =>
        {
            using var results = _session.Run(_runOptions, _inputs, values, _outputs);
            for (var o = 0; o < results.Count; o++)
            {
                read(o, results[o].GetTensorDataAsSpan<float>(), results[o].GetTensorTypeAndShape().Shape);
            }
        });

    /// <summary>Runs the inputs and has ONNX Runtime write the single output of shape <paramref name="shape"/> straight into <paramref name="output"/>.</summary>
    public void Run(ReadOnlySpan<(float[] Buffer, long[] Shape)> inputs, Memory<float> output, long[] shape) =>
        Run(inputs, values =>
        {
            using var result = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output, shape);
            _session.Run(_runOptions, _inputs, values, _outputs, [result]);
        });

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>Wraps the inputs' buffers as tensors (no copy) for <paramref name="run"/>, and frees the wrappers after.</summary>
    private void Run(ReadOnlySpan<(float[] Buffer, long[] Shape)> inputs, Action<OrtValue[]> run)
    {
        var values = new OrtValue[inputs.Length];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var (buffer, shape) = inputs[i];
                values[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, (int)shape.Aggregate(1L, (a, b) => a * b)), shape);
            }

            run(values);
        }
        catch (OnnxRuntimeException ex)
        {
            throw InferenceEngine.RunFailed(_source, inputs.ToArray().Select(i => i.Shape), ex);
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }
}

/// <summary>Reads output <paramref name="index"/> of a stage while it is still valid.</summary>
internal delegate void OutputReader(int index, ReadOnlySpan<float> values, long[] shape);
