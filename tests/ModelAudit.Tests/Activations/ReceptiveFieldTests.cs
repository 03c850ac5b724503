using ModelAudit.Activations;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Activations;

public sealed class ReceptiveFieldTests
{
    // 16×16 gray → conv 3×3 s1 p1 → relu → maxpool 2 s2 → conv 3×3 s2 p1 → conv 3×3 dilation 2 p2 → gap → flatten.
    private static readonly Lazy<AuditModel> Tiny = new(() => AuditModel.Load(new TinyOnnx()
        .Input("x", -1, 1, 16, 16)
        .Weight("w1", new float[18], 2, 1, 3, 3)
        .Weight("w2", new float[18], 1, 2, 3, 3)
        .Weight("w3", new float[9], 1, 1, 3, 3)
        .Node("Conv", ["x", "w1"], ["c1"], TinyOnnx.Ints("pads", 1, 1, 1, 1))
        .Node("Relu", ["c1"], ["r1"])
        .Node("MaxPool", ["r1"], ["p1"], TinyOnnx.Ints("kernel_shape", 2, 2), TinyOnnx.Ints("strides", 2, 2))
        .Node("Conv", ["p1", "w2"], ["c2"], TinyOnnx.Ints("strides", 2, 2), TinyOnnx.Ints("pads", 1, 1, 1, 1))
        .Node("Conv", ["c2", "w3"], ["c3"], TinyOnnx.Ints("dilations", 2, 2), TinyOnnx.Ints("pads", 2, 2, 2, 2))
        .Node("GlobalAveragePool", ["c3"], ["gap"])
        .Node("Flatten", ["gap"], ["logits"], TinyOnnx.Int("axis", 1))
        .Output("logits", -1, 1)
        .Build(), "tiny-rf.onnx", InputSpec.FromScaleOffset(16, 16, ChannelOrder.Gray, [1f / 255], [0])));

    [Theory]
    // c1: 3×3 pad 1 → size 3, jump 1, start −1. Relu keeps it.
    [InlineData("c1", 3, 1, -1)]
    [InlineData("r1", 3, 1, -1)]
    // maxpool 2 s2: size 3 + (2−1)·1 = 4, jump 2, start −1.
    [InlineData("p1", 4, 2, -1)]
    // conv 3×3 s2 p1: size 4 + 2·2 = 8, jump 4, start −1 − 1·2 = −3.
    [InlineData("c2", 8, 4, -3)]
    // dilation 2 makes the kernel span 5: size 8 + 4·4 = 24, jump 4, start −3 − 2·4 = −11.
    [InlineData("c3", 24, 4, -11)]
    public void Of_HandBuiltChain_MatchesTheArithmetic(string tensor, int size, int jump, int start)
    {
        var field = ReceptiveField.Of(Tiny.Value.Graph, tensor);

        field.Should().Be(new ReceptiveField(size, size, jump, jump, start, start));
    }

    [Fact]
    public void InputBox_SecondConv_SeesTheRightPixels()
    {
        // c2 position (row 1, column 2) reads pool rows 1..3 and columns 3..5 → conv1 rows 2..7, columns 6..11 → input rows 1..8, columns 5..12.
        var field = ReceptiveField.Of(Tiny.Value.Graph, "c2");

        field.InputBox(1, 2).Should().Be(new PixelBox(5, 1, 8, 8));
    }

    [Fact]
    public void Of_GlobalPoolOutput_Throws()
    {
        var act = () => ReceptiveField.Of(Tiny.Value.Graph, "gap");

        act.Should().Throw<NotSupportedException>().WithMessage("*'gap'*global pool*");
    }

    [Fact]
    public void Of_PaddleOcrFirstConv_IsThreeByThreeStrideTwo()
    {
        var graph = TestModels.PaddleOcr.Graph;

        var field = ReceptiveField.Of(graph, graph.FirstConv.Output);

        // 3×3 stride 2 pad 1 on the input: size 3, jump 2, start −1.
        field.Should().Be(new ReceptiveField(3, 3, 2, 2, -1, -1));
    }

    [Fact]
    public void Of_PaddleOcrSqueezeExcitationGate_IgnoresTheGlobalBranch()
    {
        var graph = TestModels.PaddleOcr.Graph;
        var gate = graph.Nodes.First(n => n.OpType == "Mul" && n.Inputs.Any(i => graph.ProducerOf(i)?.OpType == "HardSigmoid"));
        var spatial = gate.Inputs.First(i => graph.ProducerOf(i)?.OpType != "HardSigmoid");

        ReceptiveField.Of(graph, gate.Outputs[0]).Should().Be(ReceptiveField.Of(graph, spatial));
    }

    [Fact]
    public void Of_FixtureConv3_MatchesTheArithmetic()
    {
        // conv1 3×3 p1 (3, 1, −1) → pool 2 (4, 2, −1) → conv2 3×3 p1 (8, 2, −3) → pool 2 (10, 4, −3) → conv3 3×3 p1 (18, 4, −7).
        var graph = ShapesFixtures.Clean.Graph;

        ReceptiveField.Of(graph, "conv3").Should().Be(new ReceptiveField(18, 18, 4, 4, -7, -7));
        ReceptiveField.Of(graph, "relu2").Should().Be(new ReceptiveField(8, 8, 2, 2, -3, -3));
    }
}
