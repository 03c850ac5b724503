using ModelAudit.Tests.TestSupport;
using static ModelAudit.Tests.Gradients.Backward.FiniteDifferences;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>Each adjoint rule against central finite differences on a tiny random graph.</summary>
public sealed class BackwardRuleTests
{
    private const double Tolerance = 5e-4;

    [Theory]
    [InlineData(5, 1, 1, 1, 9)]
    [InlineData(5, 2, 1, 1, 13)]
    [InlineData(6, 2, 1, 1, 13)]
    [InlineData(7, 2, 0, 1, 13)]
    [InlineData(7, 1, 2, 2, 13)]
    public void Conv_StridesPadsDilations_MatchFiniteDifferences(int size, int stride, int pad, int dilation, int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, size, size)
            .Weight("w", Random(3 * 2 * 9, 1), 3, 2, 3, 3)
            .Weight("b", Random(3, 2), 3)
            .Node("Conv", ["x", "w", "b"], ["y"], TinyOnnx.Ints("strides", stride, stride), TinyOnnx.Ints("pads", pad, pad, pad, pad), TinyOnnx.Ints("dilations", dilation, dilation))
            .Output("y", -1, 3, -1, -1)
            .Build(opset);

        RelativeError(onnx, [2, size, size]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void Conv_DepthwiseStride2_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 3, 7, 6)
            .ConstantNode("w", Random(3 * 25, 3), 3, 1, 5, 5)
            .Node("Conv", ["x", "w"], ["y"], TinyOnnx.Int("group", 3), TinyOnnx.Ints("strides", 2, 1), TinyOnnx.Ints("pads", 2, 2, 2, 2))
            .Output("y", -1, 3, -1, -1)
            .Build(9);

        RelativeError(onnx, [3, 7, 6]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void Conv_AutoPadSameUpper_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 1, 6, 6)
            .Weight("w", Random(2 * 9, 4), 2, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], TinyOnnx.Ints("strides", 2, 2), TinyOnnx.String("auto_pad", "SAME_UPPER"))
            .Output("y", -1, 2, 3, 3)
            .Build(13);

        RelativeError(onnx, [1, 6, 6]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void MaxPool_NonOverlapping_MatchesFiniteDifferences(int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 6, 6)
            .Node("MaxPool", ["x"], ["y"], TinyOnnx.Ints("kernel_shape", 2, 2), TinyOnnx.Ints("strides", 2, 2))
            .Output("y", -1, 2, 3, 3)
            .Build(opset);

        RelativeError(onnx, [2, 6, 6]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(7, 3, 2, 1, 1, 0)]
    [InlineData(8, 3, 2, 1, 1, 0)]
    [InlineData(5, 3, 1, 1, 1, 0)]
    [InlineData(7, 3, 2, 0, 1, 0)]
    [InlineData(9, 2, 1, 0, 2, 0)]
    [InlineData(6, 3, 2, 0, 1, 1)]
    [InlineData(8, 3, 2, 0, 1, 1)]
    public void MaxPool_Overlapping_MatchesFiniteDifferences(int size, int kernel, int stride, int pad, int dilation, int ceilMode)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, size, size)
            .Node("MaxPool", ["x"], ["y"], TinyOnnx.Ints("kernel_shape", kernel, kernel), TinyOnnx.Ints("strides", stride, stride),
                TinyOnnx.Ints("pads", pad, pad, pad, pad), TinyOnnx.Ints("dilations", dilation, dilation), TinyOnnx.Int("ceil_mode", ceilMode))
            .Output("y", -1, 2, -1, -1)
            .Build(13);

        RelativeError(onnx, [2, size, size], distinct: true).Should().BeLessThan(Tolerance, "an input that is the argmax of several windows gets the sum of their gradients");
    }

    [Theory]
    [InlineData(6, 2, 2, 0, 1, 0)]
    [InlineData(7, 3, 2, 1, 1, 0)]
    [InlineData(6, 3, 1, 0, 0, 0)]
    public void AveragePool_StridesPadsOverlap_MatchFiniteDifferences(int size, int kernel, int stride, int pad, int countPad, int ceilMode)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, size, size)
            .Node("AveragePool", ["x"], ["y"], TinyOnnx.Ints("kernel_shape", kernel, kernel), TinyOnnx.Ints("strides", stride, stride),
                TinyOnnx.Ints("pads", pad, pad, pad, pad), TinyOnnx.Int("count_include_pad", countPad), TinyOnnx.Int("ceil_mode", ceilMode))
            .Output("y", -1, 2, -1, -1)
            .Build(13);

        RelativeError(onnx, [2, size, size]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void BatchNorm_ParametersThroughIdentityAliases_MatchFiniteDifferences()
    {
        // Exporters share equal initial tensors (every BatchNorm's ones and zeros) and alias them with Identity nodes.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 3)
            .Weight("ones", [1.5f, 0.5f], 2)
            .Weight("zeros", [0.1f, -0.2f], 2)
            .Weight("var", [2f, 0.5f], 2)
            .Node("Identity", ["ones"], ["scale"])
            .Node("Identity", ["zeros"], ["bias"])
            .Node("Identity", ["zeros"], ["mean"])
            .Node("BatchNormalization", ["x", "scale", "bias", "mean", "var"], ["y"])
            .Output("y", -1, 2, 3, 3)
            .Build(13);

        RelativeError(onnx, [2, 3, 3]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void Pad_ConstantBeforeAPool_MatchesFiniteDifferences(int opset)
    {
        long[] pads = [0, 0, 1, 0, 0, 0, 1, 1];
        var tiny = new TinyOnnx().Input("x", -1, 2, 5, 5);
        tiny = opset >= 11
            ? tiny.Int64s("p", pads).Node("Pad", ["x", "p"], ["q"])
            : tiny.Node("Pad", ["x"], ["q"], TinyOnnx.Ints("pads", pads));
        var onnx = tiny
            .Node("AveragePool", ["q"], ["y"], TinyOnnx.Ints("kernel_shape", 3, 3), TinyOnnx.Ints("strides", 2, 2))
            .Output("y", -1, 2, 3, 2)
            .Build(opset);

        RelativeError(onnx, [2, 5, 5]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(1, 9)]
    [InlineData(1, 13)]
    [InlineData(-1, 13)]
    public void Concat_OfTwoBranchesOfTheInput_MatchesFiniteDifferences(int axis, int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 5, 5)
            .Weight("w", Random(3 * 2 * 9, 11), 3, 2, 3, 3)
            .Node("Conv", ["x", "w"], ["a"], TinyOnnx.Ints("pads", 1, 1, 1, 1))
            .Node("Sigmoid", ["x"], ["b"])
            .Node(axis == 1 ? "Identity" : "Sigmoid", ["x"], ["c"])
            .Node("Concat", axis == 1 ? ["a", "b"] : ["b", "c", "b"], ["y"], TinyOnnx.Int("axis", axis))
            .Output("y", -1, -1, 5, -1)
            .Build(opset);

        RelativeError(onnx, [2, 5, 5]).Should().BeLessThan(Tolerance, "each input gets its slice of dY, and an input used twice the sum of both");
    }

    [Theory]
    [InlineData(1, 1f)]
    [InlineData(0, 0.5f)]
    public void Gemm_TransBAndAlpha_MatchFiniteDifferences(int transB, float alpha)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 2, 2)
            .Weight("w", Random(8 * 5, 5), transB == 1 ? new long[] { 5, 8 } : new long[] { 8, 5 })
            .Weight("b", Random(5, 6), 5)
            .Node("Flatten", ["x"], ["f"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["f", "w", "b"], ["y"], TinyOnnx.Int("transB", transB), TinyOnnx.Float("alpha", alpha))
            .Output("y", -1, 5)
            .Build(9);

        RelativeError(onnx, [2, 2, 2]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void MatMulReshape_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 1, 3)
            .Weight("w", Random(6 * 4, 7), 6, 4)
            .Int64s("shape", 0, -1)
            .Node("Reshape", ["x", "shape"], ["f"])
            .Node("MatMul", ["f", "w"], ["y"])
            .Output("y", -1, 4)
            .Build(13);

        RelativeError(onnx, [2, 1, 3]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void BatchNormalization_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 3, 2, 2)
            .Weight("g", [0.5f, -2f, 1.5f], 3)
            .Weight("b", [0.1f, 0.2f, 0.3f], 3)
            .Weight("m", [0.3f, -0.1f, 0f], 3)
            .Weight("v", [0.25f, 4f, 1f], 3)
            .Node("BatchNormalization", ["x", "g", "b", "m", "v"], ["y"])
            .Output("y", -1, 3, 2, 2)
            .Build(9);

        RelativeError(onnx, [3, 2, 2]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("Relu", 9)]
    [InlineData("Sigmoid", 13)]
    [InlineData("HardSigmoid", 9)]
    [InlineData("HardSwish", 14)]
    public void Activation_MatchesFiniteDifferences(string op, int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 3)
            .Node(op, ["x"], ["y"])
            .Output("y", -1, 2, 3, 3)
            .Build(opset);

        // Scaled so HardSigmoid and HardSwish visit their flat and linear parts.
        RelativeError(onnx, [2, 3, 3], inputScale: 4).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void ClipAttributes_Opset9_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 3)
            .Node("Clip", ["x"], ["y"], TinyOnnx.Float("min", -0.5f), TinyOnnx.Float("max", 0.6f))
            .Output("y", -1, 2, 3, 3)
            .Build(9);

        RelativeError(onnx, [2, 3, 3]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void ClipInputs_Opset13_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 3)
            .Weight("lo", [0f])
            .Weight("hi", [0.6f])
            .Node("Clip", ["x", "lo", "hi"], ["y"])
            .Output("y", -1, 2, 3, 3)
            .Build(13);

        RelativeError(onnx, [2, 3, 3]).Should().BeLessThan(Tolerance);
    }
}
