using ModelAudit.Gradients;
using ModelAudit.Gradients.Backward;
using ModelAudit.Tests.TestSupport;
using static ModelAudit.Tests.Gradients.Backward.FiniteDifferences;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>Graph-level behaviour: broadcasting, fan-out sums, reductions, inner tensors and errors.</summary>
public sealed class BackwardGraphTests
{
    private const double Tolerance = 5e-4;

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void SqueezeExciteBlock_FanOutAndBroadcast_MatchFiniteDifferences(int opset)
    {
        // x feeds both the pooled gate and the product: its gradient is the sum of two paths.
        var onnx = new TinyOnnx()
            .Input("x", -1, 3, 4, 4)
            .Weight("w", Random(9, 11), 3, 3, 1, 1)
            .Weight("three", [3f])
            .Weight("six", [6f])
            .Node("GlobalAveragePool", ["x"], ["gap"])
            .Node("Conv", ["gap", "w"], ["c"])
            .Node("HardSigmoid", ["c"], ["gate"])
            .Node("Mul", ["x", "gate"], ["scaled"])
            .Node("Add", ["scaled", "x"], ["residual"])
            .Node("Div", ["residual", "six"], ["d"])
            .Node("Sub", ["d", "gap"], ["s"])
            .Node("Mul", ["s", "three"], ["y"])
            .Output("y", -1, 3, 4, 4)
            .Build(opset);

        RelativeError(onnx, [3, 4, 4]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void DivByTensorAndTranspose_MatchFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3)
            .Weight("one", [1.5f])
            .Node("Sigmoid", ["x"], ["s"])
            .Node("Add", ["s", "one"], ["d"])
            .Node("Div", ["x", "d"], ["q"])
            .Node("Transpose", ["q"], ["y"], TinyOnnx.Ints("perm", 0, 2, 1))
            .Output("y", -1, 3, 2)
            .Build(13);

        RelativeError(onnx, [2, 3]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("ReduceMean", 0, 9)]
    [InlineData("ReduceMean", 1, 13)]
    [InlineData("ReduceSum", 1, 9)]
    public void Reduction_MatchesFiniteDifferences(string op, int keepdims, int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 3, 4)
            .Node(op, ["x"], ["y"], TinyOnnx.Ints("axes", 2, 3), TinyOnnx.Int("keepdims", keepdims))
            .Output("y", keepdims == 1 ? new long[] { -1, 2, 1, 1 } : new long[] { -1, 2 })
            .Build(opset);

        RelativeError(onnx, [2, 3, 4]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void InnerTensor_GradientEqualsInputGradientThroughIdentity()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 4, 4)
            .Weight("w", Random(2 * 2 * 9, 12), 2, 2, 3, 3)
            .Node("Identity", ["x"], ["a"])
            .Node("Conv", ["a", "w"], ["c"], TinyOnnx.Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["c"], ["y"])
            .Output("y", -1, 2, 4, 4)
            .Build(13);
        using var input = Engine(onnx, [2, 4, 4]);
        using var inner = Engine(onnx, [2, 4, 4], wrt: "a");
        var x = Random(2 * 32, 3);
        var seed = Random(2 * 32, 4);

        var viaInput = input.Run(x, seed, 2);
        var viaInner = inner.Run(x, seed, 2);

        viaInner.Gradient.Should().Equal(viaInput.Gradient);
        viaInner.Wrt.Should().Equal(x);
    }

    [Fact]
    public void Build_UnsupportedOperator_NamesOperatorAndNode()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2)
            .Node("Sin", ["x"], ["y"])
            .Output("y", -1, 2)
            .Build(13);

        var act = () => Engine(onnx, [2]);

        act.Should().Throw<GradientException>().WithMessage("*operator Sin (node 'y')*Supported operators:*Conv*");
    }

    [Fact]
    public void Build_TargetIndependentOfInput_SaysSo()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2)
            .Node("Shape", ["x"], ["s"])
            .Node("Cast", ["s"], ["y"], TinyOnnx.Int("to", 1))
            .Output("y", 2)
            .Build(13);

        var act = () => Engine(onnx, [2]);

        act.Should().Throw<GradientException>().WithMessage("*target 'y' does not depend on 'x'*");
    }

    [Fact]
    public void Run_ConcatWithABranchThatDoesNotDependOnTheLayer_GivesTheLayerItsSliceOfTheSeed()
    {
        // Grad-CAM differentiates with respect to an inner layer; a Concat joining it with another branch still needs that branch's size.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 4, 4)
            .Weight("w", FiniteDifferences.Random(3 * 2 * 9, 5), 3, 2, 3, 3)
            .Node("Conv", ["x", "w"], ["a"], TinyOnnx.Ints("pads", 1, 1, 1, 1))
            .Node("Sigmoid", ["x"], ["b"])
            .Node("Concat", ["b", "a"], ["y"], TinyOnnx.Int("axis", 1))
            .Output("y", -1, 5, 4, 4)
            .Build(13);
        using var engine = FiniteDifferences.Engine(onnx, [2, 4, 4], wrt: "a");
        var seeds = FiniteDifferences.Random(engine.TargetLength, 9);

        var gradient = engine.Run(FiniteDifferences.Random(engine.InputLength, 8), seeds, 1).Gradient;

        gradient.ToArray().Should().Equal(seeds[(2 * 16)..], "dy/da is the identity on a's channels, which come after b's two");
    }
}
