using BenchmarkDotNet.Attributes;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;

namespace ModelAudit.Benchmarks;

/// <summary>
/// One occlusion map of a PaddleOCR text line (192×48, window 16, stride 8: 115 windows): a loop of occluded
/// images through ML.NET's PredictionEngine against the batched audit engine. Both include building the images.
/// The line is short enough that the classifier is not certain of it: on a longer one P(upright) is 1 in float,
/// every drop is 0 and every approximation would look exact.
/// </summary>
[BenchmarkCategory("occlusion")]
public class OcclusionPaddleOcr
{
    private static readonly OcclusionOptions Options = new() { Window = 16, Stride = 8 };
    private AuditModel _model = null!;
    private ReferencePipeline _reference = null!;
    private OcclusionSensitivity _occlusion = null!;
    private RgbImage _line = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = KnownModels.PaddleOcrClassifier();
        _reference = _model.CreateReferencePipeline();
        _occlusion = new OcclusionSensitivity(_model);
        _line = TextLineRenderer.Render("Hello");
        ApproximateModes.Report("PaddleOCR", _occlusion, _line, Options, ("first-order suffix", ApproximateModes.FirstOrder(Options)));
    }

    [Benchmark(Baseline = true, Description = "PaddleOCR: ML.NET PredictionEngine loop")]
    public double PredictionEngineLoop() => NaiveOcclusion.Drops(_reference, _line, Options);

    [Benchmark(Description = "PaddleOCR: batched engine")]
    public double BatchedEngine() => _occlusion.Compute(_line, Options).MaxDrop;

    [Benchmark(Description = "PaddleOCR: incremental, exact")]
    public double Incremental() => _occlusion.Compute(_line, ApproximateModes.Incremental(Options)).MaxDrop;

    [Benchmark(Description = "PaddleOCR: incremental + drill-down")]
    public double DrillDown() => _occlusion.Compute(_line, ApproximateModes.DrillDown(Options)).MaxDrop;

    [Benchmark(Description = "PaddleOCR: incremental + truncation 0.5")]
    public double Truncated() => _occlusion.Compute(_line, ApproximateModes.Truncated(Options)).MaxDrop;

    [Benchmark(Description = "PaddleOCR: incremental + both")]
    public double Both() => _occlusion.Compute(_line, ApproximateModes.Both(Options)).MaxDrop;

    [Benchmark(Description = "PaddleOCR: incremental + first-order suffix")]
    public double FirstOrder() => _occlusion.Compute(_line, ApproximateModes.FirstOrder(Options)).MaxDrop;

    [GlobalCleanup]
    public void Cleanup()
    {
        _reference.Dispose();
        _model.Dispose();
    }
}
