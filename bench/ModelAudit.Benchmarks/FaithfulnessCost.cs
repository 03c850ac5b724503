using BenchmarkDotNet.Attributes;
using ModelAudit.Datasets;
using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Benchmarks;

/// <summary>
/// What the faithfulness audit costs, as a multiple of one forward pass over the same images: deletion and insertion
/// curves (16 steps: 32 forward passes per image) with ROAD's noisy linear fill and with a mean-colour fill, the
/// faithfulness correlation (32 subsets: 33 passes per image), and the efficient randomisation check of saliency (one
/// randomised model, maps on both). Saliency maps are made in setup.
/// </summary>
[BenchmarkCategory("faithfulness")]
public class FaithfulnessCost
{
    private const int Images = 4;
    private AuditModel _model = null!;
    private LabeledImage[] _images = [];
    private RgbImage[] _pictures = [];
    private IPixelMap[] _maps = [];
    private float[] _tensors = [];

    [Params("shapes-clean", "resnet18")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var size = Model == "resnet18" ? 224 : 64;
        _model = Model == "resnet18"
            ? AuditModel.Load(ResNet18Model.EnsureExists(), InputSpec.FromMeanStd(224, 224, ChannelOrder.Rgb, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]))
            : AuditModel.Load(Path.Combine(SaliencyCost.RepoRoot(), "fixtures", "models", "shapes-clean.onnx"), InputSpec.FromMeanStd(64, 64, ChannelOrder.Rgb, [0.5f], [0.5f]));
        _images = ShapeDataset.Generate(1000, Images).Select(s => new LabeledImage(s.Id, ImageOps.Resize(s.Image, size, size), s.Label)).ToArray();
        _pictures = _images.Select(i => i.Image).ToArray();
        _maps = [.. new Saliency(_model).Compute(_pictures)];
        _tensors = _pictures.SelectMany(_model.Spec.ToTensor).ToArray();
    }

    [Benchmark(Baseline = true, Description = "Forward pass (4 images)")]
    public float Forward() => _model.Probabilities(_tensors, Images)[0];

    [Benchmark(Description = "Deletion + insertion, ROAD fill")]
    public double CurvesRoad() => new PerturbationCurves(_model).Compute(_pictures, _maps).InsertionAuc;

    [Benchmark(Description = "Deletion + insertion, mean fill")]
    public double CurvesMean() => new PerturbationCurves(_model).Compute(_pictures, _maps, new PerturbationCurveOptions { Fill = PerturbationFill.Mean }).InsertionAuc;

    [Benchmark(Description = "Faithfulness correlation")]
    public double Correlation() => new FaithfulnessCorrelation(_model).Compute(_pictures, _maps).MeanCorrelation;

    [Benchmark(Description = "Efficient randomisation (saliency)")]
    public double Randomisation() => new EfficientRandomisationCheck(_model).Compute(_pictures, new RandomisationCheckOptions
    {
        Explainer = (m, image) => new Saliency(m).Compute(image),
    }).RankCorrelation;

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();
}
