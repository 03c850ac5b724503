using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Targets;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Targets;

/// <summary>A detection target on a hand-built detector whose two boxes sit still and whose scores are quadrant means.</summary>
public sealed class DetectionTargetTests
{
    /// <summary>
    /// [N,1,8,8] → [N,2,6]: detection 0 is box (0,0)–(4,4) of class 1 scored by the top-left quadrant's mean,
    /// detection 1 is box (4,4)–(8,8) of class 2 scored by the bottom-right quadrant's mean.
    /// </summary>
    private static AuditModel Detector() => AuditModel.Load(
        new TinyOnnx()
            .Input("x", -1, 1, 8, 8)
            .Node("AveragePool", ["x"], ["quadrants"], TinyOnnx.Ints("kernel_shape", 4, 4), TinyOnnx.Ints("strides", 4, 4))
            .Node("Flatten", ["quadrants"], ["flat"], TinyOnnx.Int("axis", 1))
            .Int64Tensor("picked", [0, 3], 2)
            .Node("Gather", ["flat", "picked"], ["scores"], TinyOnnx.Int("axis", 1))
            .Int64Tensor("axis2", [2], 1)
            .Node("Unsqueeze", ["scores", "axis2"], ["score"])
            .Weight("zeros4", [0, 0, 0, 0], 1, 1, 4)
            .Weight("boxes", [0, 0, 4, 4, 4, 4, 8, 8], 1, 2, 4)
            .Node("Mul", ["score", "zeros4"], ["zero_boxes"])
            .Node("Add", ["zero_boxes", "boxes"], ["box"])
            .Weight("zeros1", [0], 1, 1, 1)
            .Weight("classes", [1, 2], 1, 2, 1)
            .Node("Mul", ["score", "zeros1"], ["zero_classes"])
            .Node("Add", ["zero_classes", "classes"], ["class"])
            .Node("Concat", ["box", "score", "class"], ["detections"], TinyOnnx.Int("axis", 2))
            .Output("detections", -1, 2, 6)
            .Build(13),
        "detector",
        InputSpec.FromScaleOffset(8, 8, ChannelOrder.Gray, [1f / 255], [0f]));

    private static RgbImage Image() => RgbImage.Create(8, 8, (x, y) => Rgb.Gray((byte)(x < 4 && y < 4 ? 200 : x >= 4 && y >= 4 ? 100 : 50)));

    [Fact]
    public void Occlusion_BoxOnTheFirstDetection_WatchesItsScoreOnly()
    {
        using var model = Detector();
        var image = new LabeledImage("page", Image(), -1, new PixelBox(0, 0, 4, 5));

        var map = new OcclusionSensitivity(model).Compute([image], new OcclusionOptions { Window = 4, Stride = 4, Target = new DetectionTarget(), Fill = OcclusionFill.Constant(new Rgb(0, 0, 0)) })[0];

        map.BaseScore.Should().BeApproximately(200 / 255.0, 1e-6);
        map.TargetName.Should().Be("best detection at box (0,0,4x5)");
        map.Windows.Single(w => w.Box == new PixelBox(0, 0, 4, 4)).Drop.Should().BeApproximately(200 / 255.0, 1e-6);
        map.Windows.Where(w => w.Box != new PixelBox(0, 0, 4, 4)).Should().OnlyContain(w => w.Drop == 0);
    }

    [Fact]
    public void Saliency_BoxOnTheSecondDetection_IsItsQuadrant()
    {
        using var model = Detector();
        var image = new LabeledImage("page", Image(), -1, new PixelBox(4, 4, 4, 4));

        var map = new Saliency(model).Compute([image], new SaliencyOptions { Target = new DetectionTarget { ClassIndex = 2 } })[0];

        map.Score.Should().BeApproximately(100 / 255f, 1e-6f);
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                map[x, y].Should().BeApproximately(x >= 4 && y >= 4 ? 1f / 16 : 0f, 1e-7f, $"pixel ({x},{y})");
            }
        }
    }

    [Fact]
    public void Score_NoDetectionOverlapsEnoughOrOfTheClass_IsZero()
    {
        using var model = Detector();
        var far = new LabeledImage("page", Image(), -1, new PixelBox(2, 2, 4, 4));
        var wrongClass = new LabeledImage("page", Image(), -1, new PixelBox(0, 0, 4, 4));

        var occlusion = new OcclusionSensitivity(model);
        var options = new OcclusionOptions { Window = 8, Stride = 8 };

        occlusion.Compute([far], options with { Target = new DetectionTarget() })[0].BaseScore.Should().Be(0, "IoU 4/28 is below 0.5");
        occlusion.Compute([wrongClass], options with { Target = new DetectionTarget { ClassIndex = 2 } })[0].BaseScore.Should().Be(0);
        occlusion.Compute([far], options with { Target = new DetectionTarget { MinIoU = 0.1 } })[0].BaseScore.Should().BeApproximately(200 / 255.0, 1e-6);
    }

    [Fact]
    public void Bind_MapOutput_NamesTheLayoutsItReads()
    {
        using var model = AuditModel.Load(
            new TinyOnnx().Input("x", -1, 1, 8, 8).Node("Relu", ["x"], ["y"]).Output("y", -1, 1, 8, 8).Build(13), "map",
            InputSpec.FromScaleOffset(8, 8, ChannelOrder.Gray, [1f / 255], [0f]));

        FluentActions.Invoking(() => new Saliency(model).Compute([new LabeledImage("a", Image(), -1, new PixelBox(0, 0, 4, 4))], new SaliencyOptions { Target = new DetectionTarget() }))
            .Should().Throw<TargetException>().WithMessage("*[K, 5] (box, score) or [K, 6]*[1,8,8]*custom target*");
    }
}
