using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>The first-order suffix: exact where the suffix is linear up to the softmax, close where changes are small.</summary>
public sealed class FirstOrderOcclusionTests
{
    private static readonly OcclusionOptions Incremental = new() { Window = 8, Stride = 4, Mode = OcclusionMode.Incremental };

    [Fact]
    public void Compute_SuffixLinearUpToATwoClassSoftmax_GivesTheExactMapWorkedOutByHand()
    {
        // x → 1×1 Conv (weight 1) → Relu → "act" → Gemm → Softmax over two classes, gray pixels in 0..1. From "act"
        // the log-odds z0 − z1 = w·act are linear, so their expansion is exact: each window's probability is
        // σ(w·occluded image), which the test computes on its own.
        const int size = 12;
        var weights = Enumerable.Range(0, size * size).Select(i => (float)(((i * 7) % 11) - 5) / 8).ToArray();
        using var model = LinearConvModel(size, weights);
        var image = RgbImage.Create(size, size, (x, y) => Rgb.Gray((byte)(30 + (13 * ((x * 3) + y) % 200))));
        var options = Incremental with { Window = 4, Stride = 2, Fill = OcclusionFill.Constant(Rgb.Gray(200)), Target = 0, FirstOrder = new OcclusionFirstOrder { From = "act" } };

        var map = new OcclusionSensitivity(model).Compute(image, options);

        map.Windows.Select(w => Math.Abs(w.Drop)).Max().Should().BeGreaterThan(0.05, "the windows matter");
        foreach (var window in map.Windows)
        {
            var occluded = RgbImage.Create(size, size, (x, y) => window.Box.Contains(x, y) ? Rgb.Gray(200) : image[x, y]);
            window.Probability.Should().BeApproximately(LinearGrayModel.Probability(occluded, weights), 1e-5, $"window {window.Box}");
        }

        map.Approximation!.MaxAbsDifference.Should().BeLessThan(1e-5);
    }

    [Theory]
    [InlineData(OcclusionScore.Probability)]
    [InlineData(OcclusionScore.Logit)]
    [InlineData(OcclusionScore.LogOdds)]
    public void Compute_SuffixLinearUpToItsLogits_EveryScoreEqualsExact(OcclusionScore score)
    {
        // From "act" both logits are linear, so the logit, the two-class log-odds and σ of them are all expanded exactly.
        const int size = 12;
        var weights = Enumerable.Range(0, size * size).Select(i => (float)(((i * 5) % 13) - 6) / 8).ToArray();
        using var model = LinearConvModel(size, weights);
        var image = RgbImage.Create(size, size, (x, y) => Rgb.Gray((byte)(40 + (11 * ((x * 2) + y) % 190))));
        var options = Incremental with { Window = 4, Stride = 2, Fill = OcclusionFill.InputValue(0.9f), Target = 0, Score = score, ApproximationSample = 0 };
        var occlusion = new OcclusionSensitivity(model) { SplitAt = "act" };

        var exact = occlusion.Compute(image, options);
        var estimated = occlusion.Compute(image, options with { FirstOrder = new OcclusionFirstOrder { From = "act" } });

        exact.MaxDrop.Should().BeGreaterThan(0.05);
        estimated.BaseScore.Should().BeApproximately(exact.BaseScore, 1e-5);
        for (var k = 0; k < exact.Windows.Count; k++)
        {
            estimated.Windows[k].Score.Should().BeApproximately(exact.Windows[k].Score, 1e-4, $"window {exact.Windows[k].Box}");
        }
    }

    [Fact]
    public void Compute_FillCloseToTheImage_MatchesExactWhereTheSuffixIsSmooth()
    {
        // After "b2.out" come a global average pool and a linear layer: for a fill two gray levels from the image,
        // the expansion's error is second order, far below the drops themselves.
        var image = ImageOps.Resize(ShapeDataset.Generate(3, 1)[0].Image, 40, 40);
        var near = RgbImage.Create(40, 40, (x, y) => image[x, y] is var c ? new Rgb((byte)Math.Min(255, c.R + 2), (byte)Math.Max(0, c.G - 2), c.B) : default);
        var options = Incremental with { Fill = OcclusionFill.FromImage(near), ApproximationSample = 0 };
        var occlusion = new OcclusionSensitivity(ResidualTinyModel.Model);

        var exact = occlusion.Compute(image, options);
        var estimated = occlusion.Compute(image, options with { FirstOrder = new OcclusionFirstOrder { From = "b2.out" } });

        var largest = exact.Windows.Select(w => Math.Abs(w.Drop)).Max();
        largest.Should().BeGreaterThan(1e-4);
        for (var k = 0; k < exact.Windows.Count; k++)
        {
            estimated.Windows[k].Drop.Should().BeApproximately(exact.Windows[k].Drop, 0.01 * largest, $"window {exact.Windows[k].Box}");
        }
    }

    [Fact]
    public void Compute_FirstOrder_ReportsItsSplitAndSsimAgainstExact()
    {
        var image = ImageOps.Resize(ShapeDataset.Generate(5, 1)[0].Image, 40, 40);
        var options = Incremental with { FirstOrder = new OcclusionFirstOrder { From = "b1.out" } };

        var map = new OcclusionSensitivity(ResidualTinyModel.Model).Compute(image, options);

        map.Approximation!.Method.Should().Be("first-order suffix from 'b1.out'");
        map.Approximation.SampledImages.Should().Be(1);
        map.Approximation.MeanSsim.Should().BeInRange(0.5, 1);
        map.Approximation.MaxAbsDifference.Should().BeGreaterThan(0, "occluding with a constant is no small change");
    }

    [Fact]
    public void Compute_FirstOrderOnPaddleOcr_ExpandsFromTheDeepestCutThroughTheSqueezeExciteBlocks()
    {
        // No exact split pays on PaddleOCR, so the expansion starts where its local prefix ends; the suffix it
        // differentiates holds every squeeze-excite block. Measured: SSIM 0.82 against exact on this line.
        var map = new OcclusionSensitivity(TestModels.PaddleOcr).Compute(TestModels.Line("Hello"), new OcclusionOptions
        {
            Window = 16, Stride = 8, Mode = OcclusionMode.Incremental, FirstOrder = new OcclusionFirstOrder(),
        });

        map.TargetClass.Should().Be(0);
        map.MaxDrop.Should().BeGreaterThan(0.01);
        map.Approximation!.Method.Should().Be("first-order suffix from 'relu_1.tmp_0'");
        map.Approximation.MeanSsim.Should().BeInRange(0.7, 0.95);
    }

    [Fact]
    public void Compute_FirstOrderWithoutIncrementalMode_Throws()
    {
        var act = () => new OcclusionSensitivity(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes[0], Incremental with { Mode = OcclusionMode.Full, FirstOrder = new OcclusionFirstOrder() });

        act.Should().Throw<ArgumentException>().WithMessage("*FirstOrder*Mode = Incremental*Full*");
    }

    [Fact]
    public void Compute_FirstOrderFromATensorThatIsNoCut_ThrowsListingTheCuts()
    {
        var act = () => new OcclusionSensitivity(ResidualTinyModel.Model).Compute(
            ImageOps.Resize(ShapesFixtures.Probes[0], 40, 40), Incremental with { FirstOrder = new OcclusionFirstOrder { From = "logits" } });

        act.Should().Throw<ArgumentException>().WithMessage("*FirstOrder.From*'logits'*candidates*b1.out*");
    }

    [Fact]
    public void Compute_FirstOrderWhenNoSplitPays_RunsExactlyAndSaysSo()
    {
        using var model = LinearGrayModel.Create(6, 6, Enumerable.Range(0, 36).Select(i => (float)((i % 7) - 3)).ToArray());
        var image = RgbImage.Create(6, 6, (x, y) => Rgb.Gray((byte)(40 * ((x + y) % 5))));

        var map = new OcclusionSensitivity(model).Compute(image, Incremental with { Window = 2, Stride = 1, FirstOrder = new OcclusionFirstOrder() });

        map.Approximation!.Method.Should().Be("first-order suffix (no split: ran in full)");
        map.Approximation.MeanSsim.Should().Be(1);
    }

    [Fact]
    public void Compute_FirstOrderThroughAnOperatorWithoutABackwardRule_SaysWhichAndWhatToDo()
    {
        // A global Lp pool after the cut: ModelAudit has no backward rule for it.
        const int size = 8;
        var bytes = new TinyOnnx()
            .Input("x", -1, 1, size, size)
            .Weight("one", [1f, -1f], 2, 1, 1, 1)
            .Weight("w", [1f, 0f, 0f, 1f], 2, 2)
            .Weight("b", [0, 0], 2)
            .Node("Conv", ["x", "one"], ["conv"], TinyOnnx.Ints("kernel_shape", 1, 1))
            .Node("Relu", ["conv"], ["act"])
            .Node("GlobalLpPool", ["act"], ["pool"])
            .Node("Flatten", ["pool"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w", "b"], ["logits"], TinyOnnx.Int("transB", 1))
            .Node("Softmax", ["logits"], ["prob"], TinyOnnx.Int("axis", 1))
            .Output("prob", -1, 2)
            .Build();
        using var model = AuditModel.Load(bytes, "global-lp.onnx", InputSpec.FromScaleOffset(size, size, ChannelOrder.Gray, [1f / 255], [0f]));
        var image = RgbImage.Create(size, size, (x, y) => Rgb.Gray((byte)(20 * (x + y))));

        var act = () => new OcclusionSensitivity(model).Compute(image, Incremental with { Window = 2, Stride = 2, FirstOrder = new OcclusionFirstOrder { From = "act" } });

        act.Should().Throw<ModelAudit.Gradients.GradientException>()
            .WithMessage("First-order occlusion differentiates 'global-lp.onnx' after 'act', and cannot:*GlobalLpPool*FirstOrder.From*without FirstOrder*");
    }

    private static AuditModel LinearConvModel(int size, float[] weights)
    {
        var bytes = new TinyOnnx()
            .Input("x", -1, 1, size, size)
            .Weight("one", [1f], 1, 1, 1, 1)
            .Weight("w", [.. weights, .. new float[weights.Length]], 2, size * size)
            .Weight("b", [0, 0], 2)
            .Node("Conv", ["x", "one"], ["conv"], TinyOnnx.Ints("kernel_shape", 1, 1))
            .Node("Relu", ["conv"], ["act"])
            .Node("Flatten", ["act"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w", "b"], ["logits"], TinyOnnx.Int("transB", 1))
            .Node("Softmax", ["logits"], ["prob"], TinyOnnx.Int("axis", 1))
            .Output("prob", -1, 2)
            .Build();
        return AuditModel.Load(bytes, "linear-conv.onnx", InputSpec.FromScaleOffset(size, size, ChannelOrder.Gray, [1f / 255], [0f]));
    }
}
