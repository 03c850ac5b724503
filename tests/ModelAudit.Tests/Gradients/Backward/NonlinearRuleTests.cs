using ModelAudit.Gradients;
using ModelAudit.Tests.TestSupport;
using static ModelAudit.Tests.Gradients.Backward.FiniteDifferences;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>
/// The rules for activations, normalisations, products of two computed tensors and selections, each against central
/// finite differences on a tiny random graph, at the opsets where the operator's signature changes.
/// </summary>
public sealed class NonlinearRuleTests
{
    private const double Tolerance = 5e-4;

    [Theory]
    [InlineData("Tanh", 9)]
    [InlineData("Tanh", 13)]
    [InlineData("LeakyRelu", 9)]
    [InlineData("Elu", 9)]
    [InlineData("Exp", 13)]
    [InlineData("Neg", 13)]
    [InlineData("Abs", 9)]
    [InlineData("Erf", 9)]
    [InlineData("Erf", 13)]
    public void Activation_MatchesFiniteDifferences(string op, int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 3)
            .Node(op, ["x"], ["y"])
            .Output("y", -1, 2, 3, 3)
            .Build(opset);

        RelativeError(onnx, [2, 3, 3]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("Log", 9)]
    [InlineData("Log", 13)]
    [InlineData("Sqrt", 9)]
    [InlineData("Sqrt", 13)]
    [InlineData("Reciprocal", 9)]
    [InlineData("Reciprocal", 13)]
    public void PositiveDomain_MatchesFiniteDifferences(string op, int opset)
    {
        // Shifted into [1, 3], where these are defined and smooth.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 3)
            .Weight("two", [2f])
            .Node("Add", ["x", "two"], ["shifted"])
            .Node(op, ["shifted"], ["y"])
            .Output("y", -1, 2, 3, 3)
            .Build(opset);

        RelativeError(onnx, [2, 3, 3]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("LeakyRelu", 0.2f)]
    [InlineData("Elu", 0.5f)]
    public void ActivationAlpha_MatchesFiniteDifferences(string op, float alpha)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 3)
            .Node(op, ["x"], ["y"], TinyOnnx.Float("alpha", alpha))
            .Output("y", -1, 2, 3, 3)
            .Build(13);

        RelativeError(onnx, [2, 3, 3]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(16)]
    public void PRelu_SlopePerChannel_MatchesFiniteDifferences(int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 3)
            .Weight("slope", [0.25f, -0.5f], 2, 1, 1)
            .Node("PRelu", ["x", "slope"], ["y"])
            .Output("y", -1, 2, 3, 3)
            .Build(opset);

        RelativeError(onnx, [2, 3, 3]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void Pow_ExponentPerChannel_MatchesFiniteDifferences(int opset)
    {
        // Exponents broadcast along the last axis; the base is kept positive for the fractional one.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3)
            .Weight("two", [2f])
            .Weight("b", [0.5f, 2f, 3f], 3)
            .Node("Add", ["x", "two"], ["shifted"])
            .Node("Pow", ["shifted", "b"], ["y"])
            .Output("y", -1, 2, 3)
            .Build(opset);

        RelativeError(onnx, [2, 3]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void Pow_IntegerExponentOnNegativeBase_MatchesFiniteDifferences()
    {
        // From opset 12 the exponent may be an integer tensor.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3)
            .Int64s("three", 3)
            .Node("Pow", ["x", "three"], ["y"])
            .Output("y", -1, 2, 3)
            .Build(15);

        RelativeError(onnx, [2, 3]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void Pow_ExponentDependsOnInput_IsRefusedByName()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 3)
            .Weight("two", [2f])
            .Node("Add", ["x", "two"], ["base"])
            .Node("Pow", ["base", "x"], ["y"])
            .Output("y", -1, 3)
            .Build(13);

        var act = () => Engine(onnx, [3]);

        act.Should().Throw<GradientException>().WithMessage("*Pow node 'y'*exponent depends on the differentiated tensor*");
    }

    [Fact]
    public void Gelu_ErfDecomposition_MatchesFiniteDifferences()
    {
        // x·½·(1 + erf(x/√2)), as exported before Gelu became an operator.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3)
            .Weight("sqrt2", [MathF.Sqrt(2f)])
            .Weight("one", [1f])
            .Weight("half", [0.5f])
            .Node("Div", ["x", "sqrt2"], ["scaled"])
            .Node("Erf", ["scaled"], ["erf"])
            .Node("Add", ["erf", "one"], ["shifted"])
            .Node("Mul", ["x", "shifted"], ["product"])
            .Node("Mul", ["product", "half"], ["y"])
            .Output("y", -1, 2, 3)
            .Build(13);

        RelativeError(onnx, [2, 3], inputScale: 3).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("Softmax", 9, 1)]
    [InlineData("Softmax", 9, 2)]
    [InlineData("Softmax", 11, -1)]
    [InlineData("Softmax", 13, 1)]
    [InlineData("Softmax", 13, -1)]
    [InlineData("LogSoftmax", 9, 1)]
    [InlineData("LogSoftmax", 11, -2)]
    [InlineData("LogSoftmax", 13, 2)]
    public void Softmax_AxisAndOpset_MatchesFiniteDifferences(string op, int opset, int axis)
    {
        // Before opset 13 the input is flattened to 2-D at axis; from 13 only that one axis is normalised. Log-probabilities
        // are large next to their changes, so a wider step keeps float rounding in the differences below the tolerance.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 4)
            .Node(op, ["x"], ["y"], TinyOnnx.Int("axis", axis))
            .Output("y", -1, 2, 3, 4)
            .Build(opset);

        RelativeError(onnx, [2, 3, 4], h: 1e-2, inputScale: 2).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("ReduceSum", 13, 1)]
    [InlineData("ReduceSum", 13, 0)]
    [InlineData("ReduceMean", 18, 1)]
    [InlineData("ReduceMean", 18, 0)]
    [InlineData("ReduceL2", 18, 0)]
    public void Reduce_AxesAsInput_MatchesFiniteDifferences(string op, int opset, int keepdims)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 4)
            .Int64s("axes", 1, -1)
            .Node(op, ["x", "axes"], ["y"], TinyOnnx.Int("keepdims", keepdims))
            .Output("y", keepdims == 1 ? [-1, 1, 3, 1] : [-1, 3])
            .Build(opset);

        RelativeError(onnx, [2, 3, 4]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(9, 1)]
    [InlineData(13, 0)]
    public void ReduceL2_AxesAttribute_MatchesFiniteDifferences(int opset, int keepdims)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 4)
            .Node("ReduceL2", ["x"], ["y"], TinyOnnx.Ints("axes", 3), TinyOnnx.Int("keepdims", keepdims))
            .Output("y", keepdims == 1 ? [-1, 2, 3, 1] : [-1, 2, 3])
            .Build(opset);

        RelativeError(onnx, [2, 3, 4]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(17, -1)]
    [InlineData(17, 1)]
    [InlineData(18, 2)]
    public void LayerNormalization_Axis_MatchesFiniteDifferences(int opset, int axis)
    {
        long[] normalised = axis == 1 ? [3, 4] : [4];
        var count = (int)normalised.Aggregate((a, b) => a * b);
        var onnx = new TinyOnnx()
            .Input("x", -1, 3, 4)
            .Weight("scale", Random(count, 5), normalised)
            .Weight("bias", Random(count, 6), normalised)
            .Node("LayerNormalization", ["x", "scale", "bias"], ["y"], TinyOnnx.Int("axis", axis), TinyOnnx.Float("epsilon", 1e-5f))
            .Output("y", -1, 3, 4)
            .Build(opset);

        RelativeError(onnx, [3, 4]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(18)]
    public void LayerNormalization_DecomposedAsOlderExporters_MatchesFiniteDifferences(int opset)
    {
        // ReduceMean, Sub, Pow 2, ReduceMean, Add ε, Sqrt, Div, Mul, Add: the form exported before opset 17.
        var tiny = new TinyOnnx()
            .Input("x", -1, 3, 4)
            .Weight("two", [2f])
            .Weight("eps", [1e-5f])
            .Weight("scale", Random(4, 5), 4)
            .Weight("bias", Random(4, 6), 4);
        tiny = opset >= 18
            ? tiny.Int64s("axes", -1).Node("ReduceMean", ["x", "axes"], ["mean"]).Node("Sub", ["x", "mean"], ["centred"])
                .Node("Pow", ["centred", "two"], ["squared"]).Node("ReduceMean", ["squared", "axes"], ["variance"])
            : tiny.Node("ReduceMean", ["x"], ["mean"], TinyOnnx.Ints("axes", -1)).Node("Sub", ["x", "mean"], ["centred"])
                .Node("Pow", ["centred", "two"], ["squared"]).Node("ReduceMean", ["squared"], ["variance"], TinyOnnx.Ints("axes", -1));
        var onnx = tiny
            .Node("Add", ["variance", "eps"], ["shifted"])
            .Node("Sqrt", ["shifted"], ["deviation"])
            .Node("Div", ["centred", "deviation"], ["normalised"])
            .Node("Mul", ["normalised", "scale"], ["scaled"])
            .Node("Add", ["scaled", "bias"], ["y"])
            .Output("y", -1, 3, 4)
            .Build(opset);

        RelativeError(onnx, [3, 4]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void MatMul_SelfAttention_MatchesFiniteDifferences(int opset)
    {
        // softmax(x·xᵀ)·x per head: both operands of both products depend on x.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 4)
            .Node("Transpose", ["x"], ["xT"], TinyOnnx.Ints("perm", 0, 1, 3, 2))
            .Node("MatMul", ["x", "xT"], ["scores"])
            .Node("Softmax", ["scores"], ["weights"], TinyOnnx.Int("axis", 3))
            .Node("MatMul", ["weights", "x"], ["y"])
            .Output("y", -1, 2, 3, 4)
            .Build(opset);

        RelativeError(onnx, [2, 3, 4]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void MatMul_RightOperandBroadcastOverHeads_MatchesFiniteDifferences()
    {
        // [N,2,3,4]·[N,1,4,3]: the right operand's gradient is summed over the heads it was broadcast to.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 4)
            .Node("ReduceMean", ["x"], ["mean"], TinyOnnx.Ints("axes", 1), TinyOnnx.Int("keepdims", 1))
            .Node("Transpose", ["mean"], ["meanT"], TinyOnnx.Ints("perm", 0, 1, 3, 2))
            .Node("MatMul", ["x", "meanT"], ["y"])
            .Output("y", -1, 2, 3, 3)
            .Build(13);

        RelativeError(onnx, [2, 3, 4]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(new long[] { 4, 5 })]
    [InlineData(new long[] { 2, 4, 5 })]
    public void MatMul_ConstantRightOperand_MatchesFiniteDifferences(long[] weightDims)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 4)
            .Weight("w", Random((int)weightDims.Aggregate((a, b) => a * b), 3), weightDims)
            .Node("MatMul", ["x", "w"], ["y"])
            .Output("y", -1, 2, 3, 5)
            .Build(9);

        RelativeError(onnx, [2, 3, 4]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void MatMul_ConstantLeftOperand_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 3, 4)
            .Weight("w", Random(5 * 3, 4), 5, 3)
            .Node("MatMul", ["w", "x"], ["y"])
            .Output("y", -1, 5, 4)
            .Build(13);

        RelativeError(onnx, [3, 4]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(16)]
    public void Where_ConstantMaskBroadcast_MatchesFiniteDifferences(int opset)
    {
        // The first value is x-shaped, the second a per-row mean broadcast along the last axis.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 4)
            .Weight("m", [1f, -1f, 1f], 3, 1)
            .Weight("zero", [0f])
            .Node("Greater", ["m", "zero"], ["mask"])
            .Node("Sigmoid", ["x"], ["a"])
            .Node("ReduceMean", ["x"], ["b"], TinyOnnx.Ints("axes", 3), TinyOnnx.Int("keepdims", 1))
            .Node("Where", ["mask", "a", "b"], ["y"])
            .Output("y", -1, 2, 3, 4)
            .Build(opset);

        RelativeError(onnx, [2, 3, 4]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("Max", 9)]
    [InlineData("Max", 13)]
    [InlineData("Min", 9)]
    [InlineData("Min", 13)]
    public void MaxMin_ThreeInputsOneBroadcast_MatchFiniteDifferences(string op, int opset)
    {
        // Inputs 0.01 apart: a = x/2 and b = 0.0025 − x never come within 1.5e-3 of each other or of c, so no two
        // candidates tie within the perturbation.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 4)
            .Weight("c", [0.0365f, -0.0635f, 0.0865f, -0.1135f], 4)
            .Weight("half", [0.5f])
            .Weight("shift", [0.0025f])
            .Node("Mul", ["x", "half"], ["a"])
            .Node("Sub", ["shift", "x"], ["b"])
            .Node(op, ["a", "b", "c"], ["y"])
            .Output("y", -1, 2, 3, 4)
            .Build(opset);

        RelativeError(onnx, [2, 3, 4], distinct: true).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void Max_OfATensorWithItself_SharesTheGradientEvenly()
    {
        // Every element ties: each copy gets half of dY, so the gradient is the seed itself, not twice it.
        var onnx = new TinyOnnx()
            .Input("x", -1, 3)
            .Node("Max", ["x", "x"], ["y"])
            .Output("y", -1, 3)
            .Build(13);
        using var engine = Engine(onnx, [3]);
        float[] seed = [1f, -2f, 0.5f];

        var result = engine.Run([0.1f, 0.2f, 0.3f], seed, 1);

        result.Gradient.Should().Equal(seed);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void Expand_AlongTwoAxes_MatchesFiniteDifferences(int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 1, 3)
            .Int64s("shape", 1, 2, 4, 1)
            .Node("Expand", ["x", "shape"], ["y"])
            .Output("y", -1, 2, 4, 3)
            .Build(opset);

        RelativeError(onnx, [2, 1, 3]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void Tile_RepeatsPerAxis_MatchesFiniteDifferences(int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3)
            .Int64s("repeats", 1, 2, 3)
            .Node("Tile", ["x", "repeats"], ["y"])
            .Output("y", -1, 4, 9)
            .Build(opset);

        RelativeError(onnx, [2, 3]).Should().BeLessThan(Tolerance);
    }
}
