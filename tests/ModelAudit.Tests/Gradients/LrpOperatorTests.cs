using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;
using ModelAudit.Tests.TestSupport;
using static ModelAudit.Tests.Gradients.LrpByHand;

namespace ModelAudit.Tests.Gradients;

/// <summary>
/// What relevance propagation does at operators other than linear layers, on tiny models worked by hand: element-wise
/// activations pass relevance unchanged, a gate leaves it with its signal, a final Softmax is started before, and a
/// product of two computed tensors is refused naming the node.
/// </summary>
public sealed class LrpOperatorTests
{
    private const double Epsilon = 1e-6;

    // 2×2 gray input: pixel p becomes p/255 − 0.5, so the bounds of zᴮ are −0.5 and 0.5.
    private static readonly InputSpec Gray2x2 = InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f / 255], [-0.5f]);
    private static readonly RgbImage Image = Gray([200, 30, 120, 250], 2);

    [Theory]
    [InlineData(LrpComposite.Epsilon)]
    [InlineData(LrpComposite.EpsilonPlus)]
    public void Activations_TanhAndSigmoidBeforeASoftmax_PassRelevanceUnchangedFromTheLogit(LrpComposite composite)
    {
        double[] w1 = [0.5, -1.0, 0.8, 0.3, -0.4, 0.9, 0.2, -0.6, 1.1, 0.7, -0.3, 0.5], b1 = [0.1, -0.05, 0.2];
        double[] w2 = [1.2, -0.7, 0.4, -0.5, 0.9, 1.3, 0.6, 0.2, -0.8], b2 = [0.05, -0.1, 0.15];
        double[] w3 = [0.9, -1.1, 0.7, -0.4, 1.2, 0.3], b3 = [0.02, -0.03];
        var onnx = new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Weight("w1", Floats(w1), 3, 4).Weight("b1", Floats(b1), 3)
            .Weight("w2", Floats(w2), 3, 3).Weight("b2", Floats(b2), 3)
            .Weight("w3", Floats(w3), 2, 3).Weight("b3", Floats(b3), 2)
            .Node("Flatten", ["x"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w1", "b1"], ["h1"], TinyOnnx.Int("transB", 1))
            .Node("Tanh", ["h1"], ["a1"])
            .Node("Gemm", ["a1", "w2", "b2"], ["h2"], TinyOnnx.Int("transB", 1))
            .Node("Sigmoid", ["h2"], ["a2"])
            .Node("Gemm", ["a2", "w3", "b3"], ["logits"], TinyOnnx.Int("transB", 1))
            .Node("Softmax", ["logits"], ["probabilities"], TinyOnnx.Int("axis", 1))
            .Output("probabilities", -1, 2)
            .Build();
        using var model = AuditModel.Load(onnx, "tanh-sigmoid-softmax.onnx", Gray2x2);
        var x = Tensor(model, Image);

        var map = new LayerwiseRelevance(model).Compute(Image, new LrpOptions { Composite = composite, Epsilon = Epsilon, Target = 0 });

        var a1 = Linear(w1, b1, x, 3).Select(Math.Tanh).ToArray();
        var a2 = Linear(w2, b2, a1, 3).Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        var logits = Linear(w3, b3, a2, 2);
        var r1 = EpsilonRule(w2, b2, a1, EpsilonRule(w3, b3, a2, [logits[0], 0], Epsilon), Epsilon);
        var r0 = composite == LrpComposite.Epsilon ? EpsilonRule(w1, b1, x, r1, Epsilon) : BoxRule(w1, x, -0.5, 0.5, r1, Epsilon);
        map.Score.Should().BeApproximately((float)logits[0], 1e-5f, "relevance starts from the logit, the Softmax's input");
        map.Values.Select(v => (double)v).Should().Equal(r0, (m, r) => Math.Abs(m - r) < 1e-5 * (1 + Math.Abs(r)));
    }

    [Fact]
    public void Gate_SqueezeExcitationWithTheGateFirst_LeavesAllRelevanceWithTheSignal()
    {
        // x → Conv 1→2 (1×1) → ReLU = a; gate g = σ(Conv 2→2 (GlobalAveragePool a)); y = g·a (gate first, as
        // torchvision writes it) → Flatten → Gemm 8→2. No biases, so relevance is conserved exactly.
        double[] k = [0.8, -0.6];
        double[] wg = [0.5, -0.3, 0.2, 0.9];
        double[] w = [0.5, -0.3, 0.8, 0.2, -0.6, 0.4, 0.9, -0.1, 0.3, 0.7, -0.2, 0.6, 0.1, -0.5, 0.4, 0.8];
        var onnx = new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Weight("k", Floats(k), 2, 1, 1, 1).Weight("wg", Floats(wg), 2, 2, 1, 1).Weight("w", Floats(w), 2, 8)
            .Node("Conv", ["x", "k"], ["h"], TinyOnnx.Ints("kernel_shape", 1, 1))
            .Node("Relu", ["h"], ["a"])
            .Node("GlobalAveragePool", ["a"], ["pooled"])
            .Node("Conv", ["pooled", "wg"], ["q"], TinyOnnx.Ints("kernel_shape", 1, 1))
            .Node("Sigmoid", ["q"], ["gate"])
            .Node("Mul", ["gate", "a"], ["y"])
            .Node("Flatten", ["y"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 2)
            .Build();
        using var model = AuditModel.Load(onnx, "squeeze-excitation.onnx", Gray2x2);
        var x = Tensor(model, Image);

        var map = new LayerwiseRelevance(model).Compute(Image, new LrpOptions { Epsilon = Epsilon, Target = 0 });

        var m1 = Enumerable.Range(0, 8 * 4).Select(i => i / 4 % 4 == i % 4 ? k[i / 16] : 0).ToArray();
        var a = Linear(m1, new double[8], x, 8).Select(v => Math.Max(v, 0)).ToArray();
        var pooled = Enumerable.Range(0, 2).Select(o => a.Skip(o * 4).Take(4).Average()).ToArray();
        var gate = Linear(wg, new double[2], pooled, 2).Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        var y = a.Select((v, i) => gate[i / 4] * v).ToArray();
        var logits = Linear(w, new double[2], y, 2);
        var ry = EpsilonRule(w, new double[2], y, [logits[0], 0], Epsilon);
        var r0 = BoxRule(m1, x, -0.5, 0.5, ry, Epsilon);
        map.Values.Select(v => (double)v).Should().Equal(r0, (m, r) => Math.Abs(m - r) < 1e-5 * (1 + Math.Abs(r)));
        map.Diagnostics["conservation_error"].Should().BeLessThan(1e-4, "no bias absorbs relevance, and the gate takes none");
    }

    [Fact]
    public void Softmax_DenseTargetReadingProbabilities_StartsFromTheLogits()
    {
        // A segmenter: Conv 1→2 (1×1, with bias) → Softmax over the channels; the target is channel 0's mean.
        double[] k = [0.8, -0.6], b = [0.1, -0.2];
        var onnx = new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Weight("k", Floats(k), 2, 1, 1, 1).Weight("b", Floats(b), 2)
            .Node("Conv", ["x", "k", "b"], ["logits"], TinyOnnx.Ints("kernel_shape", 1, 1))
            .Node("Softmax", ["logits"], ["probabilities"], TinyOnnx.Int("axis", 1))
            .Output("probabilities", -1, 2, 2, 2)
            .Build();
        using var model = AuditModel.Load(onnx, "segmenter-softmax.onnx", Gray2x2);
        var x = Tensor(model, Image);

        var map = new LayerwiseRelevance(model).Compute(Image, new LrpOptions { Composite = LrpComposite.Epsilon, Epsilon = Epsilon, Target = new DenseTarget() });

        var z = x.Select(v => (k[0] * v) + b[0]).ToArray();
        map.Score.Should().BeApproximately((float)z.Average(), 1e-5f, "the score is the mean logit, not the mean probability");
        var expected = x.Select((v, p) => v * k[0] / Stabilise(z[p], Epsilon) * z[p] / 4).ToArray();
        map.Values.Select(v => (double)v).Should().Equal(expected, (m, r) => Math.Abs(m - r) < 1e-5 * (1 + Math.Abs(r)));
    }

    [Fact]
    public void MatMul_OfTwoComputedTensors_IsRefusedNamingTheNode()
    {
        // Attention's shape: the image as a 2×2 matrix times its own transpose.
        var onnx = new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Int64s("shape", 0, 2, 2)
            .Weight("w", Floats([0.5, -0.3, 0.8, 0.2, -0.6, 0.4, 0.9, -0.1]), 2, 4)
            .Node("Reshape", ["x", "shape"], ["rows"])
            .Node("Transpose", ["rows"], ["columns"], TinyOnnx.Ints("perm", 0, 2, 1))
            .Node("MatMul", ["rows", "columns"], ["attention"])
            .Node("Flatten", ["attention"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 2)
            .Build();
        using var model = AuditModel.Load(onnx, "attention.onnx", Gray2x2);

        var relevance = () => new LayerwiseRelevance(model).Compute(Image, new LrpOptions { Target = 0 });
        var saliency = () => new Saliency(model).Compute(Image, new SaliencyOptions { Target = 0 });

        relevance.Should().Throw<GradientException>()
            .WithMessage("*cannot propagate relevance through MatMul node 'attention': it multiplies two computed tensors*explain this model with*");
        saliency.Should().NotThrow("the gradient of a product of two tensors is defined; only relevance has no rule there");
    }
}
