using System.Globalization;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;
using static ModelAudit.Tests.Gradients.LrpByHand;

namespace ModelAudit.Tests.Gradients;

/// <summary>
/// Relevance on quantized models: a QDQ model's layers read their weights dequantized and its activations' QDQ pairs
/// pass relevance unchanged, so a tiny QDQ model gives its float twin's relevance exactly and the QDQ export's maps
/// follow the float export's; integer operators are refused naming the node.
/// </summary>
public sealed class LrpQuantizedTests(ITestOutputHelper output)
{
    private const double Epsilon = 1e-6;

    // 2×2 gray input: pixel p becomes p/255, so the bounds of zᴮ are 0 and 1 and a QDQ pair of scale 1/255 keeps it.
    private static readonly InputSpec Gray2x2 = InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f / 255], [0f]);
    private static readonly RgbImage Image = Gray([20, 3, 12, 25], 2);

    // Conv 1→2 (2×2 kernel): int8 per output channel, scales ½ and ¼. Gemm 2→2: int8 per tensor, scale 0.1, zero point 2.
    private static readonly sbyte[] ConvQ = [2, -1, 1, 1, -3, 2, 1, 4];
    private static readonly double[] ConvW = [1.0, -0.5, 0.5, 0.5, -0.75, 0.5, 0.25, 1.0];
    private static readonly double[] ConvB = [10.0 / 1020, -8.0 / 1020];
    private static readonly sbyte[] GemmQ = [12, -3, 7, 9];
    private static readonly double[] GemmW = [1.0, -0.5, 0.5, 0.7];
    private static readonly double[] GemmB = [0.05, -0.02];

    [Theory]
    [InlineData(LrpComposite.Epsilon)]
    [InlineData(LrpComposite.EpsilonPlus)]
    [InlineData(LrpComposite.EpsilonAlpha2Beta1)]
    public void Compute_DequantizedWeightsAndQdqActivations_GiveTheFloatTwinsRelevance(LrpComposite composite)
    {
        // The ReLU's outputs, 158/1020 and 50/1020, lie on its QDQ pair's grid (scale 1/1020), so the pairs change no value.
        var quantized = new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Weight("x_scale", [1f / 255]).UInt8s("x_zp", [0])
            .Int8s("conv_q", ConvQ, 2, 1, 2, 2).Weight("conv_scale", [0.5f, 0.25f], 2).Int8s("conv_zp", [0, 0], 2).Weight("conv_b", Floats(ConvB), 2)
            .Weight("a_scale", [1f / 1020]).UInt8s("a_zp", [0])
            .Int8s("gemm_q", GemmQ, 2, 2).Weight("gemm_scale", [0.1f]).Int8s("gemm_zp", [2]).Weight("gemm_b", Floats(GemmB), 2)
            .Node("QuantizeLinear", ["x", "x_scale", "x_zp"], ["x_q"])
            .Node("DequantizeLinear", ["x_q", "x_scale", "x_zp"], ["x_dq"])
            .Node("DequantizeLinear", ["conv_q", "conv_scale", "conv_zp"], ["conv_w"], TinyOnnx.Int("axis", 0))
            .Node("Conv", ["x_dq", "conv_w", "conv_b"], ["h"], TinyOnnx.Ints("kernel_shape", 2, 2))
            .Node("Relu", ["h"], ["a"])
            .Node("QuantizeLinear", ["a", "a_scale", "a_zp"], ["a_q"])
            .Node("DequantizeLinear", ["a_q", "a_scale", "a_zp"], ["a_dq"])
            .Node("Flatten", ["a_dq"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("DequantizeLinear", ["gemm_q", "gemm_scale", "gemm_zp"], ["gemm_w"])
            .Node("Gemm", ["flat", "gemm_w", "gemm_b"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 2)
            .Build();
        var twin = new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Weight("conv_w", Floats(ConvW), 2, 1, 2, 2).Weight("conv_b", Floats(ConvB), 2)
            .Weight("gemm_w", Floats(GemmW), 2, 2).Weight("gemm_b", Floats(GemmB), 2)
            .Node("Conv", ["x", "conv_w", "conv_b"], ["h"], TinyOnnx.Ints("kernel_shape", 2, 2))
            .Node("Relu", ["h"], ["a"])
            .Node("Flatten", ["a"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "gemm_w", "gemm_b"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 2)
            .Build();
        using var model = AuditModel.Load(quantized, "tiny-qdq.onnx", Gray2x2);
        using var reference = AuditModel.Load(twin, "tiny-float.onnx", Gray2x2);
        var x = Tensor(model, Image);
        var options = new LrpOptions { Composite = composite, Epsilon = Epsilon, Target = 0 };

        var map = new LayerwiseRelevance(model).Compute(Image, options);
        var expected = new LayerwiseRelevance(reference).Compute(Image, options);

        // The conv reads the whole image, so its matrix is its kernel; the Gemm gets ε in every composite.
        var a = Linear(ConvW, ConvB, x, 2).Select(v => Math.Max(v, 0)).ToArray();
        var logits = Linear(GemmW, GemmB, a, 2);
        var r1 = EpsilonRule(GemmW, GemmB, a, [logits[0], 0], Epsilon);
        var r0 = composite == LrpComposite.Epsilon ? EpsilonRule(ConvW, ConvB, x, r1, Epsilon) : BoxRule(ConvW, x, 0, 1, r1, Epsilon);
        a.Select(v => v * 1020).Should().Equal([158, 50], (m, r) => Math.Abs(m - r) < 1e-4, "the activations lie on their QDQ pair's grid");
        map.Score.Should().BeApproximately((float)logits[0], 1e-5f);
        map.Values.Select(v => (double)v).Should().Equal(r0, (m, r) => Math.Abs(m - r) < 1e-5 * (1 + Math.Abs(r)));
        map.Values.Should().Equal(expected.Values, (m, r) => Math.Abs(m - r) < 1e-6f * (1 + Math.Abs(r)), "the float twin gets the same relevance");
        map.Diagnostics["conservation_error"].Should().BeApproximately(expected.Diagnostics["conservation_error"], 1e-5);
    }

    [Fact]
    public void Compute_BatchNormAfterAQdqConv_IsFoldedIntoTheDequantizedWeights()
    {
        // A negative γ flips a channel: unfolded, zᴮ would split relevance by the conv's signs, not the layer's.
        TinyOnnx Head(TinyOnnx onnx) => onnx
            .Weight("gamma", [-1.5f, 0.5f], 2).Weight("beta", [0.1f, -0.2f], 2).Weight("mean", [0.3f, -0.1f], 2).Weight("var", [0.8f, 1.2f], 2)
            .Weight("gemm_w", Floats(GemmW), 2, 2)
            .Node("BatchNormalization", ["h", "gamma", "beta", "mean", "var"], ["n"])
            .Node("Relu", ["n"], ["a"])
            .Node("Flatten", ["a"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "gemm_w"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 2);
        var quantized = Head(new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Int8s("conv_q", ConvQ, 2, 1, 2, 2).Weight("conv_scale", [0.5f, 0.25f], 2).Int8s("conv_zp", [0, 0], 2)
            .Node("DequantizeLinear", ["conv_q", "conv_scale", "conv_zp"], ["conv_w"], TinyOnnx.Int("axis", 0))
            .Node("Conv", ["x", "conv_w"], ["h"], TinyOnnx.Ints("kernel_shape", 2, 2))).Build();
        var twin = Head(new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Weight("conv_w", Floats(ConvW), 2, 1, 2, 2)
            .Node("Conv", ["x", "conv_w"], ["h"], TinyOnnx.Ints("kernel_shape", 2, 2))).Build();
        using var model = AuditModel.Load(quantized, "tiny-qdq-bn.onnx", Gray2x2);
        using var reference = AuditModel.Load(twin, "tiny-float-bn.onnx", Gray2x2);
        var options = new LrpOptions { Epsilon = Epsilon, Target = 0 };

        var map = new LayerwiseRelevance(model).Compute(Image, options);
        var expected = new LayerwiseRelevance(reference).Compute(Image, options);

        map.Values.Should().Equal(expected.Values, (m, r) => Math.Abs(m - r) < 1e-6f * (1 + Math.Abs(r)));
    }

    [Theory]
    [InlineData(LrpComposite.EpsilonPlus)]
    [InlineData(LrpComposite.EpsilonAlpha2Beta1)]
    [InlineData(LrpComposite.Epsilon)]
    public void Compute_QdqExport_FollowsTheFloatExportsMaps(LrpComposite composite)
    {
        var images = Exports.Images(6);
        using var original = Exports.Load("dynamic");
        using var quantized = Exports.Load("qdq");
        var options = new LrpOptions { Composite = composite, Target = 0 };

        var expected = new LayerwiseRelevance(original).Compute(images, options);
        var actual = new LayerwiseRelevance(quantized).Compute(images, options);

        var correlations = actual.Zip(expected, (a, e) => Pearson(a.Values.ToArray(), e.Values.ToArray())).ToArray();
        var errors = actual.Select(m => m.Diagnostics["conservation_error"]).ToArray();
        var floatErrors = expected.Select(m => m.Diagnostics["conservation_error"]).ToArray();
        var gaps = errors.Zip(floatErrors, (q, f) => Math.Abs(q - f)).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{composite}: Pearson r min {correlations.Min():0.000}, mean {correlations.Average():0.000}; conservation error QDQ mean {errors.Average():0.0000} max {errors.Max():0.0000}, float mean {floatErrors.Average():0.0000} max {floatErrors.Max():0.0000}, largest gap {gaps.Max():0.0000}"));

        // The export is untrained: its logits are mostly bias, which keeps most relevance in both models. ε everywhere
        // divides by outputs near zero, where quantization moves the shares most.
        gaps.Should().OnlyContain(g => g < 0.15, "quantization moves what the biases keep only a little");
        correlations.Should().OnlyContain(r => r > (composite == LrpComposite.Epsilon ? 0.85 : 0.9), "the models differ only by quantization");
    }

    [Theory]
    [InlineData("qlinear", "QLinearConv")]
    [InlineData("convinteger", "DynamicQuantizeLinear")]
    public void Compute_IntegerConvExport_IsRefusedNamingTheNodeAndTheQdqFormat(string variant, string op)
    {
        // ConvInteger's result reaches the logits only through a Cast, which carries nothing; what does reach them is
        // the scale its input's DynamicQuantizeLinear computes, so that is the node named.
        using var model = Exports.Load(variant);

        var relevance = () => new LayerwiseRelevance(model).Compute(Exports.Images(1)[0]);

        relevance.Should().Throw<GradientException>()
            .WithMessage($"*no backward rule for operator {op} (node '*')*computes in integers*Export the model in QDQ format*perturbation method*")
            .Which.Message.Should().NotContain("Supported operators", "the list of float operators does not help with an integer one");
    }

    private static double Pearson(float[] a, float[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var (da, db) = (a[i] - ma, b[i] - mb);
            (sab, saa, sbb) = (sab + (da * db), saa + (da * da), sbb + (db * db));
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
