using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>The probability, logit and log-odds scores: worked out by hand, and the same in every exact mode.</summary>
public sealed class OcclusionScoreTests
{
    // LinearGray2x2: logits = the four gray values in 0..1 (identity weights), then Softmax.
    private static readonly RgbImage Image = RgbImage.Create(2, 2, (x, y) => Rgb.Gray((byte)(new[] { 204, 51, 102, 153 }[(y * 2) + x])));
    private static readonly double[] Logits = [0.8, 0.2, 0.4, 0.6];

    private static OcclusionOptions OnePixel(OcclusionScore score, OcclusionMode mode = OcclusionMode.Full) =>
        new() { Window = 1, Stride = 1, Fill = OcclusionFill.Constant(new Rgb(0, 0, 0)), Target = 0, Score = score, Mode = mode };

    [Fact]
    public void Compute_LogitScore_DropsOnlyWhereTheTargetsPixelIsOccluded()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f / 255], [0f]));

        var map = new OcclusionSensitivity(model).Compute(Image, OnePixel(OcclusionScore.Logit));

        // The model ends in Softmax: the logit is its input, z0 = 0.8; only blacking pixel 0 changes it (to 0).
        map.Score.Should().Be(OcclusionScore.Logit);
        map.BaseScore.Should().BeApproximately(0.8, 1e-6);
        map.Windows.Select(w => w.Drop).Should().Equal([0.8, 0, 0, 0], (a, b) => Math.Abs(a - b) < 1e-6);
        map.BaseProbability.Should().BeApproximately(Softmax(Logits)[0], 1e-6);
    }

    [Fact]
    public void Compute_LogOddsScore_CountsTheOtherClassesToo()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f / 255], [0f]));

        var map = new OcclusionSensitivity(model).Compute(Image, OnePixel(OcclusionScore.LogOdds));

        // m = z0 − log Σ_{k≠0} exp z_k; blacking pixel j sets z_j = 0.
        var m = LogOdds(Logits);
        map.BaseScore.Should().BeApproximately(m, 1e-6);
        for (var j = 0; j < 4; j++)
        {
            var occluded = Logits.Select((z, k) => k == j ? 0 : z).ToArray();
            map.Windows[j].Drop.Should().BeApproximately(m - LogOdds(occluded), 1e-6, $"pixel {j}");
            map.Windows[j].Probability.Should().BeApproximately(Softmax(occluded)[0], 1e-6);
        }

        map.Windows[1].Drop.Should().BeNegative("blacking a rival class's pixel raises the target's log-odds");
        map.ToString().Should().Contain("(log-odds)").And.Contain("max log-odds drop");
    }

    [Fact]
    public void Compute_LogOddsOfASaturatedModel_StayFiniteAndMove()
    {
        // Logits 0 and 60 apart: p rounds to 1 in float, and its drop to 0; the log-odds still move by what a window does.
        var onnx = new TinyOnnx().Input("x", -1, 1, 2, 2)
            .Weight("w", [60, 60, 60, 60, 0, 0, 0, 0], 2, 4)
            .Weight("b", [0, 0], 2)
            .Node("Flatten", ["x"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w", "b"], ["logits"], TinyOnnx.Int("transB", 1))
            .Node("Softmax", ["logits"], ["prob"], TinyOnnx.Int("axis", 1))
            .Output("prob", -1, 2)
            .Build();
        using var model = AuditModel.Load(onnx, "saturated.onnx", InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f / 255], [0f]));
        var white = RgbImage.Filled(2, 2, new Rgb(255, 255, 255));

        var probability = new OcclusionSensitivity(model).Compute(white, OnePixel(OcclusionScore.Probability));
        var logOdds = new OcclusionSensitivity(model).Compute(white, OnePixel(OcclusionScore.LogOdds));

        probability.MaxDrop.Should().Be(0);
        logOdds.BaseScore.Should().BeApproximately(240, 1e-3);
        logOdds.Windows.Should().OnlyContain(w => Math.Abs(w.Drop - 60) < 1e-3);
    }

    public static TheoryData<OcclusionScore> Scores => new() { OcclusionScore.Probability, OcclusionScore.Logit, OcclusionScore.LogOdds };

    [Theory]
    [MemberData(nameof(Scores))]
    public void Compute_ResidualModelEveryScore_IncrementalEqualsFull(OcclusionScore score)
    {
        var image = ImageOps.Resize(ShapeDataset.Generate(9, 1)[0].Image, 40, 40);
        var options = new OcclusionOptions { Window = 8, Stride = 4, Score = score, Fill = OcclusionFill.NormalisedZero };

        AssertIncrementalEqualsFull(ResidualTinyModel.Model, image, options, "b1.out").MaxDrop.Should().BeGreaterThan(1e-3, "the comparison needs windows that matter");
    }

    [Theory]
    [MemberData(nameof(Scores))]
    public void Compute_PaddleOcrEveryScore_IncrementalEqualsFull(OcclusionScore score)
    {
        // PaddleOCR ends in Softmax: the logits are read from its input in both modes. It is saturated (p = 1.000),
        // so only the logit and log-odds maps have windows that matter.
        var options = new OcclusionOptions { Window = 16, Stride = 8, Score = score };

        var map = AssertIncrementalEqualsFull(TestModels.PaddleOcr, TestModels.Line("Zeiler and Fergus"), options, "relu_1.tmp_0");

        map.MaxDrop.Should().BeGreaterThan(score == OcclusionScore.Probability ? -1 : 1, "the logit and log-odds drop by whole units where the probability does not move");
    }

    private static OcclusionMap AssertIncrementalEqualsFull(AuditModel model, RgbImage image, OcclusionOptions options, string split)
    {
        var full = new OcclusionSensitivity(model).Compute(image, options);
        var incremental = new OcclusionSensitivity(model) { SplitAt = split }.Compute(image, options with { Mode = OcclusionMode.Incremental });

        incremental.Score.Should().Be(options.Score);
        incremental.BaseScore.Should().BeApproximately(full.BaseScore, 1e-4);
        for (var k = 0; k < full.Windows.Count; k++)
        {
            incremental.Windows[k].Score.Should().BeApproximately(full.Windows[k].Score, 1e-4, $"window {full.Windows[k].Box}");
            incremental.Windows[k].Probability.Should().BeApproximately(full.Windows[k].Probability, 1e-4, $"window {full.Windows[k].Box}");
        }

        incremental.Attribution.ToArray().Should().Equal(full.Attribution.ToArray(), (a, b) => Math.Abs(a - b) < 1e-4);
        return full;
    }

    private static double LogOdds(double[] z) => z[0] - Math.Log(z.Skip(1).Sum(Math.Exp));

    private static double[] Softmax(double[] z) => z.Select(v => Math.Exp(v) / z.Sum(Math.Exp)).ToArray();
}
