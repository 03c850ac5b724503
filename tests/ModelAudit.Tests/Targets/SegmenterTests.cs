using System.Text.Json;
using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Invariance;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Targets;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Targets;

/// <summary>
/// The trained shapes segmenter (fixtures/models/shapes-segmenter.onnx, [N,1,64,64] object probabilities) audited with
/// a dense target: the mean probability inside each image's mask.
/// </summary>
public sealed class SegmenterTests
{
    private static readonly Lazy<AuditModel> LazySegmenter = new(() => AuditModel.Load(Repo.Path("fixtures", "models", "shapes-segmenter.onnx"), ShapesFixtures.Spec));

    private static AuditModel Segmenter => LazySegmenter.Value;

    private static readonly PixelBox Whole = new(0, 0, 64, 64);

    private static LabeledImage[] HeldOut(int count) => [.. ShapeDataset.Generate(1000, count).Select(LabeledImage.From)];

    [Fact]
    public void Load_Segmenter_IsAMapModelNotAClassifier()
    {
        Segmenter.IsClassifier.Should().BeFalse();
        Segmenter.OutputShape.Should().Equal(1, 64, 64);
        Segmenter.Output.Name.Should().Be("mask");
    }

    [Fact]
    public void Mask_FirstHeldOutImages_MatchPyTorchReference()
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Repo.Path("fixtures", "models", "shapes-segmenter.reference.json")));
        var root = reference.RootElement;
        var samples = ShapeDataset.Generate(1000, root.GetProperty("dataset").GetProperty("count").GetInt32());
        samples.Select(s => s.Id).Should().Equal(root.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
        var inside = root.GetProperty("mean_inside_mask").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var outside = root.GetProperty("mean_outside_mask").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        var masks = Masks(samples);

        for (var i = 0; i < samples.Count; i++)
        {
            var (meanInside, meanOutside) = MeanInsideAndOutside(masks[i], samples[i].Mask);
            meanInside.Should().BeApproximately(inside[i], 1e-4, $"the mean probability inside the mask of {samples[i].Id} from ONNX Runtime must equal PyTorch's");
            meanOutside.Should().BeApproximately(outside[i], 1e-4, $"the mean probability outside the mask of {samples[i].Id} from ONNX Runtime must equal PyTorch's");
        }
    }

    [Fact]
    public void Mask_HeldOutImages_OverlapsTheObject()
    {
        var samples = ShapeDataset.Generate(1000, 48);

        var masks = Masks(samples);

        // Measured: 0.97 over these 48 images.
        samples.Select((s, i) => IoU(masks[i], s.Mask)).Average()
            .Should().BeGreaterThan(0.9, "fixtures/README.md gives a mean IoU of 0.969 over the first 1,000 held-out images");
    }

    [Fact]
    public void Occlusion_DenseTarget_PutsTheDropOnTheObject()
    {
        var images = HeldOut(8);

        var maps = new OcclusionSensitivity(Segmenter).Compute(images, new OcclusionOptions { Target = new DenseTarget() });

        maps[0].TargetName.Should().Be("channel 0 mean in mask");
        maps.Should().AllSatisfy(m => m.BaseScore.Should().BeGreaterThan(0.8, "the segmenter finds the object in {0}", m.Image));
        var inside = maps.Select((m, i) => PixelMapMetrics.MassInside(m, images[i].Box!.Value.Inflate(4, Whole))).ToArray();
        inside.Average().Should().BeGreaterThan(0.93, "covering the background does not change the object's mask (measured: 97% on average)");
        inside.Should().AllSatisfy(v => v.Should().BeGreaterThan(0.85, "an 8-px window at stride 4 smears the drop a few px past the box (measured: 89% at least, on the cross)"));
    }

    [Fact]
    public void Saliency_DenseTarget_LiesOnTheObject()
    {
        var images = HeldOut(8);

        var maps = new Saliency(Segmenter).Compute(images, new SaliencyOptions { Target = new DenseTarget() });

        var inside = maps.Select((m, i) => PixelMapMetrics.MassInside(m, images[i].Box!.Value)).Average();
        inside.Should().BeGreaterThan(0.5, "the boxes cover {0:0}% of the images on average, and saliency puts 67% of its mass in them", 100 * BoxShare(images));
    }

    [Fact]
    public void GradCam_DenseTarget_LiesOnTheObject()
    {
        var images = HeldOut(8);

        var maps = new GradCam(Segmenter).Compute(images, new GradCamOptions { Target = new DenseTarget() });

        maps[0].Method.Should().Be("grad-cam(logits)", "the last convolution is the 1×1 head");
        var inside = maps.Select((m, i) => PixelMapMetrics.MassInside(m, images[i].Box!.Value)).Average();
        inside.Should().BeGreaterThan(0.9, "the boxes cover {0:0}% of the images on average, and Grad-CAM puts 98% of its mass in them (95% at least)", 100 * BoxShare(images));
    }

    [Fact]
    public void Equivariance_HorizontalShifts_TheMaskMovesWithTheInput()
    {
        var images = ShapeDataset.Generate(1000, 12).Select(s => s.Image).ToArray();

        var curve = new Equivariance(Segmenter).Compute(Transform.FromValues(TransformKind.TranslateX, [-8, -4, 4, 8]), images);

        // Measured: equivariance error 0.04-0.05 at ±4 px and 0.08-0.09 at ±8 px; invariance error 0.64 and 0.87.
        curve.Should().MoveWithTheInput(-8, 8, because: "a fully-convolutional net's map follows the object")
            .And.HaveEquivarianceErrorBelow(0.15, -8, 8, because: "padding and the stride-2 pool are the only things that break it");
        foreach (var shift in curve.Values)
        {
            curve.ErrorAt(curve.Output, shift).Should().BeLessThan(curve.InvarianceErrorAt(curve.Output, shift) / 4, "at {0} px the moved map is far closer than the unmoved one", shift);
        }
    }

    [Fact]
    public void Audit_SegmenterWithDenseTarget_PassesEveryCheck()
    {
        var folder = CliRunner.TempFolder();
        var config = Path.Combine(folder, "audit.json");
        File.WriteAllText(config, $$"""
            {
              "model": "{{Repo.Path("fixtures", "models", "shapes-segmenter.onnx").Replace("\\", "/", StringComparison.Ordinal)}}",
              "input": { "height": 64, "width": 64, "channels": "rgb", "mean": [0.5], "std": [0.5] },
              "images": { "generate": { "seed": 1000, "count": 12 } },
              "target": { "kind": "dense" },
              "audits": {
                "occlusion": { "window": 8, "stride": 4, "max_images": 4, "box_margin": 4, "min_mass_inside": 0.9 },
                "gradients": { "max_images": 4, "min_saliency_mass_inside": 0.5 },
                "equivariance": { "shifts": [-8, -4, 4, 8], "max_images": 12, "max_error": 0.15 },
                "filters": { "max_dead_filters": 0, "max_noisy_filters": 1 },
                "activations": { "layers": ["relu1", "relu2", "relu3"], "max_dead_channel_fraction": 0.1 }
              }
            }
            """);

        // Measured: occlusion 0.95 in the box, saliency 0.69, equivariance error 0.09 at most; conv1 filter 11 is rougher than
        // noise (see fixtures/README.md), the others are smooth.
        var run = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        run.Exit.Should().Be(0, run.Output + run.Error);
        run.Output.Should().Contain("pass  occlusion").And.Contain("pass  gradients").And.Contain("pass  equivariance")
            .And.Contain("pass  filters").And.Contain("pass  activations").And.NotContain("FAIL").And.NotContain("NOT MEASURED");
    }

    /// <summary>The model's output per sample: for a map model, <see cref="Prediction.Logits"/> holds the raw output.</summary>
    private static float[][] Masks(IReadOnlyList<ShapeSample> samples) =>
        [.. Segmenter.Predict([.. samples.Select(s => s.Image)]).Select(p => p.Logits!.ToArray())];

    private static double BoxShare(IEnumerable<LabeledImage> images) => images.Average(i => i.Box!.Value.Area / (64.0 * 64.0));

    private static (double Inside, double Outside) MeanInsideAndOutside(float[] mask, PixelMask truth)
    {
        double inside = 0, outside = 0;
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                if (truth.Contains(x, y))
                {
                    inside += mask[(y * 64) + x];
                }
                else
                {
                    outside += mask[(y * 64) + x];
                }
            }
        }

        return (inside / truth.Area, outside / ((64 * 64) - truth.Area));
    }

    private static double IoU(float[] mask, PixelMask truth)
    {
        int both = 0, either = 0;
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                var predicted = mask[(y * 64) + x] >= 0.5f;
                var actual = truth.Contains(x, y);
                both += predicted && actual ? 1 : 0;
                either += predicted || actual ? 1 : 0;
            }
        }

        return (double)both / either;
    }
}
