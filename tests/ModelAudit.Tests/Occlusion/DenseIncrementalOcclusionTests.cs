using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Targets;
using ModelAudit.Tests.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>Incremental and first-order occlusion of targets that are not class scores: a segmenter's mask, a detector's map, a recogniser's text.</summary>
public sealed class DenseIncrementalOcclusionTests
{
    private const double Tolerance = 1e-4;

    private static readonly Lazy<AuditModel> LazySegmenter = new(() => AuditModel.Load(Repo.Path("fixtures", "models", "shapes-segmenter.onnx"), ShapesFixtures.Spec));

    private static AuditModel Segmenter => LazySegmenter.Value;

    private static LabeledImage[] Held => ShapeDataset.Generate(77, 2).Select((s, i) => new LabeledImage($"held-{i}", s.Image, s.Label, s.Box, s.Mask)).ToArray();

    public static TheoryData<string> SegmenterSplits => new() { "relu1", "pool1", "relu2", "relu3" };

    [Theory]
    [MemberData(nameof(SegmenterSplits))]
    public void Compute_SegmenterDenseTargetSplitAnywhere_EqualsFull(string split)
    {
        var options = new OcclusionOptions { Window = 8, Stride = 4, Target = new DenseTarget() };

        var full = new OcclusionSensitivity(Segmenter).Compute(Held, options);
        var sensitivity = new OcclusionSensitivity(Segmenter) { SplitAt = split };
        var incremental = sensitivity.Compute(Held, options with { Mode = OcclusionMode.Incremental });

        sensitivity.PlanFor(options with { Mode = OcclusionMode.Incremental }).Should().NotBeNull();
        AssertSameScores(incremental, full);
    }

    [Fact]
    public void Compute_SegmenterDenseTargetInWavesOfOneWindow_EqualsFull()
    {
        var options = new OcclusionOptions { Window = 8, Stride = 4, Target = new DenseTarget() };

        var full = new OcclusionSensitivity(Segmenter).Compute(Held, options);
        var waves = new OcclusionSensitivity(Segmenter) { SplitAt = "relu2", PatchBudgetBytes = 1 }.Compute(Held, options with { Mode = OcclusionMode.Incremental });

        AssertSameScores(waves, full);
    }

    [Fact]
    public void Compute_SegmenterDenseTargetFirstOrder_EstimatesTheExactMapAndSaysHowWell()
    {
        var options = new OcclusionOptions { Window = 8, Stride = 4, Target = new DenseTarget(), Mode = OcclusionMode.Incremental, ApproximationSample = 1 };

        var exact = new OcclusionSensitivity(Segmenter).Compute(Held, options with { Mode = OcclusionMode.Full });
        var estimated = new OcclusionSensitivity(Segmenter).Compute(Held, options with { FirstOrder = new OcclusionFirstOrder { From = "relu3" } });

        for (var i = 0; i < Held.Length; i++)
        {
            estimated[i].BaseScore.Should().BeApproximately(exact[i].BaseScore, Tolerance, "the clean image's score is computed, not estimated");
            var correlation = Correlation(estimated[i].Windows.Select(w => w.Drop), exact[i].Windows.Select(w => w.Drop));
            correlation.Should().BeGreaterThan(0.8, "a first-order estimate of the mask's mean follows the exact drops (image {0})", i);
        }

        estimated[0].Approximation.Should().NotBeNull();
        estimated[0].Approximation!.SampledImages.Should().Be(1);
    }

    /// <summary>
    /// The first-order suffix's backward pass cut into as many segments as it has boundaries gives the map of one
    /// segment: for a bound dense target (the segmenter, from relu1 through a dilated head and a resize) and for class
    /// scores (the clean classifier, from pool1 through its global max pool).
    /// </summary>
    [Fact]
    public void Compute_FirstOrderInSegments_EqualsOneSegment()
    {
        var dense = new OcclusionOptions { Window = 8, Stride = 4, Target = new DenseTarget(), Mode = OcclusionMode.Incremental, ApproximationSample = 0, FirstOrder = new OcclusionFirstOrder { From = "relu1" } };
        AssertSameScores(
            new OcclusionSensitivity(Segmenter) { SegmentBudgetBytes = 1 }.Compute(Held, dense),
            new OcclusionSensitivity(Segmenter).Compute(Held, dense));

        var classes = dense with { Target = null, FirstOrder = new OcclusionFirstOrder { From = "pool1" } };
        AssertSameScores(
            new OcclusionSensitivity(ShapesFixtures.Clean) { SegmentBudgetBytes = 1 }.Compute(Held, classes),
            new OcclusionSensitivity(ShapesFixtures.Clean).Compute(Held, classes));
    }

    [Fact]
    public void Compute_PaddleOcrDetectorDenseTarget_IncrementalEqualsFull()
    {
        var page = PaddleOcrTextModelsTests.Page();
        var options = new OcclusionOptions { Window = 32, Stride = 32, Target = new DenseTarget(), Fill = OcclusionFill.Constant(new Rgb(255, 255, 255)) };

        var full = new OcclusionSensitivity(TestModels.PaddleOcrDetector).Compute([page], options);
        var incremental = new OcclusionSensitivity(TestModels.PaddleOcrDetector).Compute([page], options with { Mode = OcclusionMode.Incremental });

        AssertSameScores(incremental, full);
    }

    [Fact]
    public void Compute_PaddleOcrRecogniserSequenceTarget_IncrementalEqualsFull()
    {
        var line = PaddleOcrTextModelsTests.Line();
        var options = new OcclusionOptions { Window = 32, Stride = 32, Target = KnownModels.PaddleOcrRecogniserTarget() };

        var full = new OcclusionSensitivity(TestModels.PaddleOcrRecogniser).Compute([line], options);
        var incremental = new OcclusionSensitivity(TestModels.PaddleOcrRecogniser).Compute([line], options with { Mode = OcclusionMode.Incremental });

        AssertSameScores(incremental, full, tolerance: 1e-3);
    }

    private static void AssertSameScores(IReadOnlyList<OcclusionMap> actual, IReadOnlyList<OcclusionMap> expected, double tolerance = Tolerance)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].TargetName.Should().Be(expected[i].TargetName);
            actual[i].BaseScore.Should().BeApproximately(expected[i].BaseScore, tolerance);
            for (var k = 0; k < expected[i].Windows.Count; k++)
            {
                actual[i].Windows[k].Score.Should().BeApproximately(expected[i].Windows[k].Score, tolerance, $"image {i}, window {expected[i].Windows[k].Box}");
            }
        }
    }

    private static double Correlation(IEnumerable<double> a, IEnumerable<double> b)
    {
        var (x, y) = (a.ToArray(), b.ToArray());
        var (mx, my) = (x.Average(), y.Average());
        var cov = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return cov / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }
}
