using BenchmarkDotNet.Attributes;
using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Benchmarks;

/// <summary>
/// One saliency map (forward + backward graph, target class given) against one forward pass, on the PaddleOCR
/// classifier and the clean shapes fixture, at batch 1 and batch 8. Tensors are prepared in setup.
/// </summary>
[BenchmarkCategory("gradients")]
public class SaliencyCost
{
    private AuditModel _model = null!;
    private GradientEngine _engine = null!;
    private float[] _tensors = [];
    private float[] _seeds = [];

    [Params("paddleocr-cls", "shapes-clean")]
    public string Model { get; set; } = "";

    [Params(1, 8)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new EngineOptions { BatchSize = 8 };
        _model = Model == "shapes-clean"
            ? AuditModel.Load(Path.Combine(RepoRoot(), "fixtures", "models", "shapes-clean.onnx"), InputSpec.FromMeanStd(64, 64, ChannelOrder.Rgb, [0.5f], [0.5f]), options)
            : KnownModels.PaddleOcrClassifier(options);
        _engine = GradientTargets.Engine(_model, null, ReluRule.Gradient);
        var images = Enumerable.Range(0, Batch).Select(i => TextLineRenderer.Render($"Saliency line {i * 31}")).ToArray();
        _tensors = images.SelectMany(_model.Spec.ToTensor).ToArray();
        _seeds = GradientTargets.OneHot(Enumerable.Repeat(0, Batch).ToArray(), _model.ClassCount);
    }

    [Benchmark(Baseline = true, Description = "Forward pass")]
    public float Forward() => _model.Probabilities(_tensors, Batch)[0];

    [Benchmark(Description = "Saliency (forward + backward)")]
    public float Saliency() => _engine.Run(_tensors, _seeds, Batch).Gradient[0];

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _model.Dispose();
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelAudit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ModelAudit.sln not found above " + AppContext.BaseDirectory);
    }
}
