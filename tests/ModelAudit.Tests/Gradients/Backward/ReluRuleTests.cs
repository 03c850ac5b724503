using ModelAudit.Gradients.Backward;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>The three ReLU rules on a two-layer model small enough to differentiate on paper.</summary>
public sealed class ReluRuleTests
{
    // x = (1, 2) → h = W1·x = (−1, 4, 2) → r = relu(h) = (0, 4, 2) → y = W2·r = −12 + 4 = −8.
    // dy/dr = W2 = (1, −3, 2); forward mask (h > 0) = (0, 1, 1).
    private static readonly byte[] TwoLayer = new TinyOnnx()
        .Input("x", -1, 1, 1, 2)
        .Weight("w1", [1, -1, 2, 1, 0, 1], 3, 2)
        .Weight("w2", [1, -3, 2], 1, 3)
        .Node("Flatten", ["x"], ["f"], TinyOnnx.Int("axis", 1))
        .Node("Gemm", ["f", "w1"], ["h"], TinyOnnx.Int("transB", 1))
        .Node("Relu", ["h"], ["r"])
        .Node("Gemm", ["r", "w2"], ["y"], TinyOnnx.Int("transB", 1))
        .Output("y", -1, 1)
        .Build(13);

    [Theory]
    // Plain: dh = W2 ⊙ mask = (0, −3, 2); dx = W1ᵀ·dh = (−3·2 + 0, −3·1 + 2·1) = (−6, −1).
    [InlineData(nameof(ReluRule.Gradient), -6f, -1f)]
    // Deconvnet: dh = relu(W2) = (1, 0, 2); dx = (1, −1) + 2·(0, 1) = (1, 1).
    [InlineData(nameof(ReluRule.Deconvnet), 1f, 1f)]
    // Guided: dh = relu(W2) ⊙ mask = (0, 0, 2); dx = 2·(0, 1) = (0, 2).
    [InlineData(nameof(ReluRule.Guided), 0f, 2f)]
    public void Run_TwoLayerModel_GivesTheHandComputedGradient(string rule, float dx0, float dx1)
    {
        using var engine = FiniteDifferences.Engine(TwoLayer, [1, 1, 2], rule: Enum.Parse<ReluRule>(rule));

        var result = engine.Run([1f, 2f], [1f], 1);

        result.Target.Should().Equal(-8f);
        result.Gradient.Should().Equal(dx0, dx1);
    }
}
