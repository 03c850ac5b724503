using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Targets;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Targets;

/// <summary>Targets on hand-checkable models: a dense map that is the input itself, halved.</summary>
public sealed class DenseTargetTests
{
    /// <summary>[N,1,8,8] → [N,1,4,4]: a 2×2 average pool, so each output pixel is the mean of its 2×2 input block.</summary>
    private static AuditModel PooledMap() => AuditModel.Load(
        new TinyOnnx()
            .Input("x", -1, 1, 8, 8)
            .Node("AveragePool", ["x"], ["map"], TinyOnnx.Ints("kernel_shape", 2, 2), TinyOnnx.Ints("strides", 2, 2))
            .Output("map", -1, 1, 4, 4)
            .Build(13),
        "pooled",
        InputSpec.FromScaleOffset(8, 8, ChannelOrder.Gray, [1f / 255], [0f]));

    private static RgbImage Ramp() => RgbImage.Create(8, 8, (x, y) => Rgb.Gray((byte)((x + (8 * y)) * 4)));

    [Fact]
    public void Occlusion_DenseMeanInBox_WatchesTheBoxAtTheOutputResolution()
    {
        using var model = PooledMap();
        var image = new LabeledImage("ramp", Ramp(), -1, new PixelBox(4, 0, 4, 4));

        var map = new OcclusionSensitivity(model).Compute([image], new OcclusionOptions { Window = 2, Stride = 2, Target = new DenseTarget(), Fill = OcclusionFill.Constant(new Rgb(0, 0, 0)) })[0];

        // The box's output pixels are columns 2..3 of rows 0..1; their mean is the mean of the input's box.
        var expected = Enumerable.Range(0, 4).SelectMany(y => Enumerable.Range(4, 4).Select(x => ((x + (8 * y)) * 4) / 255.0)).Average();
        map.BaseScore.Should().BeApproximately(expected, 1e-5);
        map.IsClassTarget.Should().BeFalse();
        map.TargetName.Should().Be("channel 0 mean in box (2,0,2x2)");
        PixelMapMetrics.MassInside(map, new PixelBox(4, 0, 4, 4)).Should().BeApproximately(1, 1e-6);
    }

    [Fact]
    public void Saliency_DenseMeanInBox_IsUniformInsideTheBoxAndZeroOutside()
    {
        using var model = PooledMap();
        var image = new LabeledImage("ramp", Ramp(), -1, new PixelBox(4, 0, 4, 4));

        var map = new Saliency(model).Compute([image], new SaliencyOptions { Target = new DenseTarget() })[0];

        // d mean / d x = 1/(4 output px) · 1/(4 inputs per output px) per input pixel in the box, times the spec's 1/255 is not
        // applied: gradients are with respect to the input tensor.
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                map[x, y].Should().BeApproximately(x >= 4 && y < 4 ? 1f / 16 : 0f, 1e-7f, $"pixel ({x},{y})");
            }
        }
    }

    [Fact]
    public void Bind_ClassTargetOnAMap_NamesTheTargetKinds()
    {
        using var model = PooledMap();

        FluentActions.Invoking(() => new Saliency(model).Compute(Ramp()))
            .Should().Throw<TargetException>().WithMessage("*per-image shape [1,4,4]*dense target*sequence target*custom target*");
        FluentActions.Invoking(() => model.ClassCount)
            .Should().Throw<InvalidModelException>().WithMessage("*not class scores*dense target*");
    }

    [Fact]
    public void CustomTarget_MaxOfTheMap_ScoresAndDifferentiates()
    {
        using var model = PooledMap();
        var target = new CustomTarget("largest output", o => o.Values.Max())
        {
            Gradient = o => [.. o.Values.Select((v, i) => i == Array.IndexOf(o.Values, o.Values.Max()) ? 1f : 0f)],
        };

        var map = new Saliency(model).Compute(Ramp(), new SaliencyOptions { Target = target });

        map.TargetName.Should().Be("largest output");
        map.Score.Should().BeApproximately(((54 + 55 + 62 + 63) * 4) / 4f / 255f, 1e-5f);
        map[7, 7].Should().BeApproximately(0.25f, 1e-7f);
        map[0, 0].Should().Be(0);
    }

    [Fact]
    public void DenseTarget_SecondOutputByName_ReadsThatOutput()
    {
        // Two outputs: class scores first (a classifier's), the pooled map second.
        using var model = AuditModel.Load(
            new TinyOnnx()
                .Input("x", -1, 1, 8, 8)
                .Node("AveragePool", ["x"], ["map"], TinyOnnx.Ints("kernel_shape", 2, 2), TinyOnnx.Ints("strides", 2, 2))
                .Node("GlobalAveragePool", ["map"], ["pooled"])
                .Node("Flatten", ["pooled"], ["scores"], TinyOnnx.Int("axis", 1))
                .Output("scores", -1, 1)
                .Output("map", -1, 1, 4, 4)
                .Build(13),
            "two-outputs",
            InputSpec.FromScaleOffset(8, 8, ChannelOrder.Gray, [1f / 255], [0f]));
        var image = new LabeledImage("ramp", Ramp(), -1, new PixelBox(0, 4, 4, 4));

        var map = new Saliency(model).Compute([image], new SaliencyOptions { Target = new DenseTarget { Output = "map" } })[0];

        model.IsClassifier.Should().BeTrue("the first output is class scores");
        map[0, 4].Should().BeApproximately(1f / 16, 1e-7f);
        map[4, 0].Should().Be(0);
    }

    [Fact]
    public void Predict_MapModel_GivesTheOutputAsATapWithItsShape()
    {
        using var model = PooledMap();

        var output = model.Predict(Ramp()).Tap("map");

        output.Shape.Should().Equal(1, 4, 4);
        output.Values[0].Should().BeApproximately((0 + 4 + 32 + 36) / 4f / 255f, 1e-6f);
    }
}
