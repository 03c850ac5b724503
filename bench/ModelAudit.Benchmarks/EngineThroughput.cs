using BenchmarkDotNet.Attributes;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Benchmarks;

/// <summary>
/// 32 PaddleOCR text lines: the batched audit engine (batch 32) against a loop over ML.NET's PredictionEngine,
/// the reference path. Both include turning images into tensors.
/// </summary>
[BenchmarkCategory("engine")]
public class EngineThroughput
{
    private AuditModel _model = null!;
    private ReferencePipeline _reference = null!;
    private RgbImage[] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        _model = KnownModels.PaddleOcrClassifier(new EngineOptions { BatchSize = 32 });
        _reference = _model.CreateReferencePipeline();
        _lines = Enumerable.Range(0, 32).Select(i => TextLineRenderer.Render($"Line {i}: audit me {i * 37}")).ToArray();
    }

    [Benchmark(Baseline = true, Description = "ML.NET PredictionEngine loop, 32 images")]
    public float PredictionEngineLoop()
    {
        var sum = 0f;
        foreach (var line in _lines)
        {
            sum += _reference.Score(line)[0];
        }

        return sum;
    }

    [Benchmark(Description = "Batched engine, batch 32")]
    public float BatchedEngine() => _model.Predict(_lines).Sum(p => p.Probabilities[0]);

    [GlobalCleanup]
    public void Cleanup()
    {
        _reference.Dispose();
        _model.Dispose();
    }
}
