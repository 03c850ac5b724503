using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>Incremental occlusion gives the maps of full re-inference, wherever the graph is split.</summary>
public sealed class IncrementalOcclusionTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> ShapesSplits => new() { "relu1", "pool1", "relu2", "pool2", "relu3" };

    [Theory]
    [MemberData(nameof(ShapesSplits))]
    public void Compute_ShapesCleanSplitAnywhereLocal_EqualsFull(string split)
    {
        var options = new OcclusionOptions { Window = 8, Stride = 4 };
        var images = ShapesFixtures.Probes.Take(2).ToArray();

        AssertEqual(ShapesFixtures.Clean, images, options, split);
    }

    [Fact]
    public void Compute_ShapesCleanOddWindowAndStride_EqualsFull()
    {
        var options = new OcclusionOptions { WindowHeight = 11, WindowWidth = 7, Stride = 5 };

        AssertEqual(ShapesFixtures.Clean, [ShapesFixtures.Probes[3]], options, "pool2");
    }

    public static TheoryData<string> ResidualSplits => new() { "stem.relu", "pool", "b1.out", "b2.out" };

    [Theory]
    [MemberData(nameof(ResidualSplits))]
    public void Compute_ResidualModelSplitAtBlockBoundaries_EqualsFull(string split)
    {
        var options = new OcclusionOptions { Window = 8, Stride = 4, Fill = OcclusionFill.Constant(new Rgb(0, 0, 0)) };
        var image = ImageOps.Resize(ShapeDataset.Generate(5, 1)[0].Image, 40, 40);

        AssertEqual(ResidualTinyModel.Model, [image], options, split);
    }

    public static TheoryData<string> PaddingSplits => new() { "dilated.relu", "ceil", "joined", "mix.relu" };

    [Theory]
    [MemberData(nameof(PaddingSplits))]
    public void Compute_UnevenPaddingDilationCeilModeAndConcat_EqualsFull(string split)
    {
        var options = new OcclusionOptions { WindowHeight = 7, WindowWidth = 5, Stride = 3 };
        var image = ImageOps.Resize(ShapeDataset.Generate(4, 1)[0].Image, 37, 37);

        AssertEqual(PaddingTinyModel.Model, [image], options, split);
    }

    public static TheoryData<string> PaddleSplits => new() { "hardswish_0.tmp_0", "relu_0.tmp_0", "relu_1.tmp_0" };

    [Theory]
    [MemberData(nameof(PaddleSplits))]
    public void Compute_PaddleOcrSplitBeforeSqueezeExcite_EqualsFull(string split)
    {
        var options = new OcclusionOptions { Window = 16, Stride = 8 };

        AssertEqual(TestModels.PaddleOcr, [TestModels.Line("Zeiler and Fergus")], options, split);
    }

    [Fact]
    public void Compute_PaddleOcrCostModelChoice_EqualsFull()
    {
        var options = new OcclusionOptions { Window = 16, Stride = 8 };

        AssertEqual(TestModels.PaddleOcr, [TestModels.Upside(TestModels.Line("Page 7 of 12"))], options, null);
    }

    [Fact]
    public void Compute_ResidualModelCostModelChoice_EqualsFull()
    {
        var options = new OcclusionOptions { Window = 12, Stride = 4 };
        var image = ImageOps.Resize(ShapeDataset.Generate(9, 1)[0].Image, 40, 40);

        AssertEqual(ResidualTinyModel.Model, [image], options, null);
    }

    [Fact]
    public void Compute_OneLaneOrTwo_GivesTheSameBits()
    {
        // Two threads deal the windows to two lanes that run side by side; one thread runs them all in one lane.
        var path = Repo.Path("fixtures", "models", "shapes-clean.onnx");
        using var single = AuditModel.Load(path, ShapesFixtures.Spec, new EngineOptions { Threads = 1 });
        using var dual = AuditModel.Load(path, ShapesFixtures.Spec, new EngineOptions { Threads = 2 });
        var options = new OcclusionOptions { Window = 8, Stride = 4, Mode = OcclusionMode.Incremental };
        var images = ShapesFixtures.Probes.Take(3).ToArray();

        var one = new OcclusionSensitivity(single).Compute(images, options);
        var two = new OcclusionSensitivity(dual).Compute(images, options);

        for (var i = 0; i < images.Length; i++)
        {
            two[i].Attribution.ToArray().Should().Equal(one[i].Attribution.ToArray());
        }
    }

    [Fact]
    public void Compute_PatchesOverTheMemoryBudget_RunInWavesWithTheSameMap()
    {
        // A budget of one byte makes every window a wave of its own: patches never outgrow one window's.
        var options = new OcclusionOptions { Window = 8, Stride = 4, Mode = OcclusionMode.Incremental };
        var images = ShapesFixtures.Probes.Take(2).ToArray();

        var waves = new OcclusionSensitivity(ShapesFixtures.Clean) { SplitAt = "relu3", PatchBudgetBytes = 1 }.Compute(images, options);
        var full = new OcclusionSensitivity(ShapesFixtures.Clean).Compute(images, options with { Mode = OcclusionMode.Full });

        for (var i = 0; i < images.Length; i++)
        {
            waves[i].Windows.Select(w => w.Probability).Should().Equal(full[i].Windows.Select(w => w.Probability), (a, b) => Math.Abs(a - b) <= Tolerance);
        }
    }

    [Fact]
    public void Compute_AfterTheModelIsDisposed_ThrowsObjectDisposed()
    {
        var model = AuditModel.Load(Repo.Path("fixtures", "models", "shapes-clean.onnx"), ShapesFixtures.Clean.Spec);
        var occlusion = new OcclusionSensitivity(model);
        var options = new OcclusionOptions { Window = 8, Stride = 8, Mode = OcclusionMode.Incremental };
        occlusion.Compute(ShapesFixtures.Probes[0], options);

        model.Dispose();

        var act = () => occlusion.Compute(ShapesFixtures.Probes[0], options);
        act.Should().Throw<ObjectDisposedException>();
    }

    [Theory]
    [InlineData("pads")]
    [InlineData("auto_pad")]
    public void SplitAt_AveragePoolNotCountingItsPadding_IsNotASplitPoint(string padding)
    {
        // Near the edge such a pool divides by fewer values than a crop padded with zeros would: it cannot run on crops.
        var random = new Random(3);
        var onnx = new TinyOnnx().Input("x", -1, 1, 12, 12)
            .Weight("w", Enumerable.Range(0, 4 * 9).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), 4, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["conv"], TinyOnnx.Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["conv"], ["relu"])
            .Node("AveragePool", ["relu"], ["avg"], TinyOnnx.Ints("kernel_shape", 3, 3), TinyOnnx.Int("count_include_pad", 0),
                padding == "pads" ? TinyOnnx.Ints("pads", 0, 1, 0, 1) : TinyOnnx.String("auto_pad", "SAME_UPPER"))
            .Node("Relu", ["avg"], ["avg.relu"])
            .Node("GlobalMaxPool", ["avg.relu"], ["gmp"])
            .Node("Flatten", ["gmp"], ["y"], TinyOnnx.Int("axis", 1))
            .Output("y", -1, 4)
            .Build();
        using var model = AuditModel.Load(onnx, "average-pool.onnx", InputSpec.FromScaleOffset(12, 12, ChannelOrder.Gray, [1f / 255], [0f]));
        var options = new OcclusionOptions { Window = 4, Stride = 2, Mode = OcclusionMode.Incremental };

        var act = () => new OcclusionSensitivity(model) { SplitAt = "avg.relu" }.PlanFor(options);

        act.Should().Throw<ArgumentException>().WithMessage("*'avg.relu' is not a tensor incremental occlusion can split at*");
    }

    [Fact]
    public void Compute_WindowMakesTheModelEmitNaN_NamesTheWindow()
    {
        // Two channels copy the image; the first class is log(mean − 0.9): a white image gives log(0.1), a black
        // window over a quarter of it gives the log of a negative number.
        var onnx = new TinyOnnx().Input("x", -1, 1, 8, 8)
            .Weight("w", [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0], 2, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["copy"], TinyOnnx.Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["copy"], ["relu"])
            .Node("GlobalAveragePool", ["relu"], ["mean"])
            .Node("Flatten", ["mean"], ["flat"], TinyOnnx.Int("axis", 1))
            .Weight("shift", [0.9f, 0], 2)
            .Node("Sub", ["flat", "shift"], ["shifted"])
            .Node("Log", ["shifted"], ["y"])
            .Output("y", -1, 2)
            .Build();
        using var model = AuditModel.Load(onnx, "log-of-mean.onnx", InputSpec.FromScaleOffset(8, 8, ChannelOrder.Gray, [1f / 255], [0f]));
        var white = RgbImage.Filled(8, 8, new Rgb(255, 255, 255));
        var options = new OcclusionOptions { Window = 4, Stride = 4, Fill = OcclusionFill.Constant(new Rgb(0, 0, 0)), Mode = OcclusionMode.Incremental };

        var act = () => new OcclusionSensitivity(model) { SplitAt = "relu" }.Compute(white, options);

        act.Should().Throw<ModelOutputException>().WithMessage("*'log-of-mean.onnx' produced NaN in output 'y' for the image occluded at*incremental*");
    }

    [Fact]
    public void GraphLocality_PaddleOcr_CutsStopBeforeTheFirstGlobalPool()
    {
        var locality = new ModelAudit.Occlusion.Incremental.GraphLocality(TestModels.PaddleOcr.Graph, "x", TestModels.PaddleOcr.Output.Name);

        locality.Cuts.Should().Contain(["hardswish_0.tmp_0", "relu_1.tmp_0"]);
        locality.Cuts.Should().NotContain("p2o.Mul.3", "the squeeze-excite product depends on a global average");
    }

    private static void AssertEqual(AuditModel model, RgbImage[] images, OcclusionOptions options, string? split)
    {
        var full = new OcclusionSensitivity(model).Compute(images, options);
        var sensitivity = new OcclusionSensitivity(model) { SplitAt = split };
        var incremental = sensitivity.Compute(images, options with { Mode = OcclusionMode.Incremental });
        if (split is not null)
        {
            sensitivity.PlanFor(options).Should().NotBeNull();
        }

        for (var i = 0; i < images.Length; i++)
        {
            incremental[i].TargetClass.Should().Be(full[i].TargetClass);
            incremental[i].BaseProbability.Should().BeApproximately(full[i].BaseProbability, Tolerance);
            for (var k = 0; k < full[i].Windows.Count; k++)
            {
                incremental[i].Windows[k].Probability.Should().BeApproximately(full[i].Windows[k].Probability, Tolerance, $"image {i}, window {full[i].Windows[k].Box}");
                incremental[i].Windows[k].Drop.Should().BeApproximately(full[i].Windows[k].Drop, Tolerance, $"image {i}, window {full[i].Windows[k].Box}");
            }
        }
    }
}
