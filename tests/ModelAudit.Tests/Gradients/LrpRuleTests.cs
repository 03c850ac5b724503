using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;
using static ModelAudit.Tests.Gradients.LrpByHand;

namespace ModelAudit.Tests.Gradients;

/// <summary>
/// Relevance rules on tiny models, against an independent implementation: every layer written as a dense matrix by
/// loops here, and the rules' formulas applied to it in double precision.
/// </summary>
public sealed class LrpRuleTests
{
    // 2×2 gray input: pixel p becomes p/255 − 0.5, so the bounds of zᴮ are −0.5 and 0.5.
    private static readonly InputSpec Gray2x2 = InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f / 255], [-0.5f]);
    private static readonly InputSpec Gray3x3 = InputSpec.FromScaleOffset(3, 3, ChannelOrder.Gray, [1f / 255], [-0.5f]);

    private static readonly double[] W1 = [0.5, -1.0, 0.8, 0.3, -0.4, 0.9, 0.2, -0.6, 1.1, 0.7, -0.3, 0.5];
    private static readonly double[] B1 = [0.1, -0.05, 0.2];
    private static readonly double[] W2 = [1.2, -0.7, 0.4, -0.5, 0.9, 1.3];
    private static readonly double[] B2 = [0.05, -0.1];

    /// <summary>Flatten, Gemm (W1, B1), ReLU, Gemm (W2, B2) on a 2×2 grey image: the model both rules are worked on by hand.</summary>
    private static AuditModel GemmReluGemm()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Weight("w1", Floats(W1), 3, 4).Weight("b1", Floats(B1), 3)
            .Weight("w2", Floats(W2), 2, 3).Weight("b2", Floats(B2), 2)
            .Node("Flatten", ["x"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w1", "b1"], ["h"], TinyOnnx.Int("transB", 1))
            .Node("Relu", ["h"], ["a"])
            .Node("Gemm", ["a", "w2", "b2"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 2)
            .Build();
        return AuditModel.Load(onnx, "gemm-relu-gemm.onnx", Gray2x2);
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.25)]
    public void Epsilon_GemmReluGemm_MatchesTheRuleWorkedByHand(double epsilon)
    {
        using var model = GemmReluGemm();
        var image = Gray([200, 30, 120, 250], 2);
        var x = Tensor(model, image);

        var map = new LayerwiseRelevance(model).Compute(image, new LrpOptions { Composite = LrpComposite.Epsilon, Epsilon = epsilon, Target = 0 });

        var a = Linear(W1, B1, x, 3).Select(v => Math.Max(v, 0)).ToArray();
        var logits = Linear(W2, B2, a, 2);
        var relevance = EpsilonRule(W1, B1, x, EpsilonRule(W2, B2, a, [logits[0], 0], epsilon), epsilon);
        map.Method.Should().Be("lrp-epsilon");
        map.Score.Should().BeApproximately((float)logits[0], 1e-5f);
        map.Values.Select(v => (double)v).Should().Equal(relevance, (m, r) => Math.Abs(m - r) < 1e-5 * (1 + Math.Abs(r)));
        map.Diagnostics["conservation_error"].Should().BeApproximately(Math.Abs(relevance.Sum() - logits[0]) / Math.Abs(logits[0]), 1e-4);
    }

    [Theory]
    [InlineData(LrpInputRule.Flat)]
    [InlineData(LrpInputRule.WSquare)]
    public void InputRule_FlatOrWSquare_SpreadsTheFirstLayersRelevanceByItsWeightsAlone(LrpInputRule rule)
    {
        using var model = GemmReluGemm();
        var image = Gray([200, 30, 120, 250], 2);
        var x = Tensor(model, image);
        const double Epsilon = 1e-6;

        var map = new LayerwiseRelevance(model).Compute(image, new LrpOptions { InputRule = rule, Epsilon = Epsilon, Target = 1 });

        var a = Linear(W1, B1, x, 3).Select(v => Math.Max(v, 0)).ToArray();
        var logits = Linear(W2, B2, a, 2);
        var r1 = EpsilonRule(W2, B2, a, [0, logits[1]], Epsilon);
        double Weight(int k, int j) => rule == LrpInputRule.Flat ? 1 : W1[(k * 4) + j] * W1[(k * 4) + j];
        var r0 = Enumerable.Range(0, 4).Select(j => Enumerable.Range(0, 3).Sum(k => Weight(k, j) / Enumerable.Range(0, 4).Sum(i => Weight(k, i)) * r1[k])).ToArray();
        map.Method.Should().Be(rule == LrpInputRule.Flat ? "lrp-epsilon-plus-flat" : "lrp-epsilon-plus-w-square");
        map.Values.Select(v => (double)v).Should().Equal(r0, (m, r) => Math.Abs(m - r) < 1e-5 * (1 + Math.Abs(r)));
        map.Diagnostics["relevance_sum"].Should().BeApproximately(r1.Sum(), 1e-5, "the first layer passes on all it receives");
    }

    [Theory]
    [InlineData(LrpComposite.EpsilonPlus, 1.0, 0.0)]
    [InlineData(LrpComposite.EpsilonAlpha2Beta1, 2.0, 1.0)]
    public void Composite_ConvReluConvGemm_MatchesBoxThenAlphaBetaThenEpsilonWorkedByHand(LrpComposite composite, double alpha, double beta)
    {
        // x 1×3×3 → Conv 2×(2×2) → ReLU → Conv 2×(2×2×2) → ReLU → Flatten → Gemm 2→2.
        double[] k1 = [0.6, -0.4, 0.3, 0.8, -0.7, 0.5, 0.9, -0.2];
        double[] c1 = [0.05, -0.1];
        double[] k2 = [0.4, -0.3, 0.7, 0.2, -0.5, 0.6, 0.1, 0.3, 0.8, -0.6, 0.2, 0.5, 0.3, 0.4, -0.2, 0.9];
        double[] c2 = [0.1, 0.02];
        double[] w3 = [1.5, -0.8, -0.4, 1.1];
        double[] b3 = [0.2, -0.1];
        var onnx = new TinyOnnx()
            .Input("x", -1, 1, 3, 3)
            .Weight("k1", Floats(k1), 2, 1, 2, 2).Weight("c1", Floats(c1), 2)
            .Weight("k2", Floats(k2), 2, 2, 2, 2).Weight("c2", Floats(c2), 2)
            .Weight("w3", Floats(w3), 2, 2).Weight("b3", Floats(b3), 2)
            .Node("Conv", ["x", "k1", "c1"], ["h1"], TinyOnnx.Ints("kernel_shape", 2, 2))
            .Node("Relu", ["h1"], ["a1"])
            .Node("Conv", ["a1", "k2", "c2"], ["h2"], TinyOnnx.Ints("kernel_shape", 2, 2))
            .Node("Relu", ["h2"], ["a2"])
            .Node("Flatten", ["a2"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w3", "b3"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 2)
            .Build();
        using var model = AuditModel.Load(onnx, "conv-conv-gemm.onnx", Gray3x3);
        var image = Gray([10, 200, 90, 255, 40, 170, 0, 120, 230], 3);
        var x = Tensor(model, image);
        const double Epsilon = 1e-6;

        var map = new LayerwiseRelevance(model).Compute(image, new LrpOptions { Composite = composite, Epsilon = Epsilon, Target = 1 });

        var m1 = ConvMatrix(k1, 2, 1, 3);
        var m2 = ConvMatrix(k2, 2, 2, 2);
        double[] bias1 = [.. Enumerable.Repeat(c1[0], 4), .. Enumerable.Repeat(c1[1], 4)];
        var a1 = Linear(m1, bias1, x, 8).Select(v => Math.Max(v, 0)).ToArray();
        var a2 = Linear(m2, c2, a1, 2).Select(v => Math.Max(v, 0)).ToArray();
        var logits = Linear(w3, b3, a2, 2);
        var r2 = EpsilonRule(w3, b3, a2, [0, logits[1]], Epsilon);
        var r1 = AlphaBetaRule(m2, a1, r2, alpha, beta, Epsilon);
        var r0 = BoxRule(m1, x, -0.5, 0.5, r1, Epsilon);
        map.Method.Should().Be(composite == LrpComposite.EpsilonPlus ? "lrp-epsilon-plus" : "lrp-epsilon-alpha2-beta1");
        map.Values.Select(v => (double)v).Should().Equal(r0, (m, r) => Math.Abs(m - r) < 1e-4 * (1 + Math.Abs(r)));
    }

    [Fact]
    public void Compute_ConvBatchNorm_EqualsTheModelWithTheNormFoldedByHand()
    {
        double[] k = [0.6, -0.4, 0.3, 0.8, -0.7, 0.5, 0.9, -0.2];
        double[] bias = [0.05, -0.1];
        double[] gamma = [1.5, 0.7], beta = [0.2, -0.3], mean = [0.1, -0.2], variance = [0.5, 2.0];
        var scale = gamma.Select((g, o) => g / Math.Sqrt(variance[o] + 1e-5)).ToArray();
        var folded = k.Select((w, i) => w * scale[i / 4]).ToArray();
        var foldedBias = bias.Select((b, o) => ((b - mean[o]) * scale[o]) + beta[o]).ToArray();
        byte[] Model(bool norm) => (norm
                ? new TinyOnnx().Input("x", -1, 1, 3, 3).Weight("k", Floats(k), 2, 1, 2, 2).Weight("c", Floats(bias), 2)
                    .Weight("g", Floats(gamma), 2).Weight("be", Floats(beta), 2).Weight("m", Floats(mean), 2).Weight("v", Floats(variance), 2)
                    .Node("Conv", ["x", "k", "c"], ["conv"], TinyOnnx.Ints("kernel_shape", 2, 2))
                    .Node("BatchNormalization", ["conv", "g", "be", "m", "v"], ["h"])
                : new TinyOnnx().Input("x", -1, 1, 3, 3).Weight("k", Floats(folded), 2, 1, 2, 2).Weight("c", Floats(foldedBias), 2)
                    .Node("Conv", ["x", "k", "c"], ["h"], TinyOnnx.Ints("kernel_shape", 2, 2)))
            .Weight("w", Floats([0.5, -0.3, 0.8, 0.2, -0.6, 0.4, 0.9, -0.1, 0.3, 0.7, -0.2, 0.6, 0.1, -0.5, 0.4, 0.8]), 2, 8)
            .Node("Relu", ["h"], ["a"])
            .Node("Flatten", ["a"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 2)
            .Build();
        using var withNorm = AuditModel.Load(Model(true), "conv-bn.onnx", Gray3x3);
        using var byHand = AuditModel.Load(Model(false), "conv-folded.onnx", Gray3x3);
        var image = Gray([10, 200, 90, 255, 40, 170, 0, 120, 230], 3);

        var expected = new LayerwiseRelevance(byHand).Compute(image, new LrpOptions { Target = 0 });
        var actual = new LayerwiseRelevance(withNorm).Compute(image, new LrpOptions { Target = 0 });

        actual.Values.Should().Equal(expected.Values, (a, e) => Math.Abs(a - e) < 1e-4f * (1 + Math.Abs(e)));
    }

    [Fact]
    public void Options_OutOfRange_NameTheProperty()
    {
        var relevance = new LayerwiseRelevance(ShapesFixtures.Clean);
        var image = ShapesFixtures.Probes[0];

        var epsilon = () => relevance.Compute(image, new LrpOptions { Epsilon = 0 });
        var composite = () => relevance.Compute(image, new LrpOptions { Composite = (LrpComposite)7 });
        var input = () => relevance.Compute(image, new LrpOptions { InputRule = (LrpInputRule)7 });

        epsilon.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Epsilon");
        composite.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Composite");
        input.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("InputRule");
    }
}
