using BenchmarkDotNet.Attributes;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Benchmarks;

/// <summary>
/// 32 PaddleOCR text lines: the batched audit engine against a loop over ML.NET's PredictionEngine, the reference
/// path, with the batch size measured (the default) and fixed at 1, 16 and 32. All include turning images into tensors.
/// </summary>
[BenchmarkCategory("engine")]
public class EngineThroughput
{
    private AuditModel _model = null!;
    private AuditModel _measured = null!;
    private AuditModel _single = null!;
    private AuditModel _sixteen = null!;
    private ReferencePipeline _reference = null!;
    private RgbImage[] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        _model = KnownModels.PaddleOcrClassifier(new EngineOptions { BatchSize = 32 });
        _measured = KnownModels.PaddleOcrClassifier();
        _single = KnownModels.PaddleOcrClassifier(new EngineOptions { BatchSize = 1 });
        _sixteen = KnownModels.PaddleOcrClassifier(new EngineOptions { BatchSize = 16 });
        _reference = _model.CreateReferencePipeline();
        Console.WriteLine($"// PaddleOCR: measured batch size {_measured.BatchSize}");
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

    [Benchmark(Description = "Batched engine, batch 16")]
    public float Batch16() => _sixteen.Predict(_lines).Sum(p => p.Probabilities[0]);

    [Benchmark(Description = "Engine, batch 1")]
    public float Batch1() => _single.Predict(_lines).Sum(p => p.Probabilities[0]);

    [Benchmark(Description = "Batched engine, measured batch size")]
    public float Measured() => _measured.Predict(_lines).Sum(p => p.Probabilities[0]);

    [GlobalCleanup]
    public void Cleanup()
    {
        _reference.Dispose();
        _model.Dispose();
        _measured.Dispose();
        _single.Dispose();
        _sixteen.Dispose();
    }
}
