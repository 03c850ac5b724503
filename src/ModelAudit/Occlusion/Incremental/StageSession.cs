using Microsoft.ML.OnnxRuntime;
using ModelAudit.Models;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>An ONNX Runtime session for one piece of a split model, fed from a reused buffer with any spatial size.</summary>
internal sealed class StageSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _input;
    private readonly string[] _output;
    private readonly RunOptions _runOptions = new();

    public StageSession(byte[] model, string source, string input, string output, EngineOptions options)
    {
        _session = InferenceEngine.CreateSession(model, source, options);
        _input = [input];
        _output = [output];
    }

    /// <summary>
    /// Runs <paramref name="shape"/>[0] samples from the front of <paramref name="buffer"/> and hands the output
    /// (values and shape, batch first) to <paramref name="read"/> before ONNX Runtime takes the memory back.
    /// </summary>
    public void Run(float[] buffer, long[] shape, OutputReader read)
    {
        var length = (int)shape.Aggregate(1L, (a, b) => a * b);
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length), shape);
        using var results = _session.Run(_runOptions, _input, [input], _output);
        var value = results[0];
        read(value.GetTensorDataAsSpan<float>(), value.GetTensorTypeAndShape().Shape);
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}

/// <summary>Reads a stage's output while it is still valid.</summary>
internal delegate void OutputReader(ReadOnlySpan<float> values, long[] shape);
