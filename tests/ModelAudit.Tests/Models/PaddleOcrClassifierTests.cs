using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

public sealed class PaddleOcrClassifierTests
{
    [Fact]
    public void Predict_UprightLines_AreClass0AndRotatedLinesClass1()
    {
        var model = TestModels.PaddleOcr;
        var upright = TestModels.TextLines.Select(TestModels.Line).ToArray();
        var rotated = upright.Select(TestModels.Upside).ToArray();

        var predictions = model.Predict([.. upright, .. rotated]);

        for (var i = 0; i < upright.Length; i++)
        {
            predictions[i].Probabilities[0].Should().BeGreaterThan(0.9f, "'{0}' is upright", TestModels.TextLines[i]);
            predictions[upright.Length + i].Probabilities[1].Should().BeGreaterThan(0.9f, "'{0}' is rotated by 180°", TestModels.TextLines[i]);
        }
    }

    [Fact]
    public void Load_PaddleOcr_DetectsSoftmaxOutputAndTwoClasses()
    {
        var model = TestModels.PaddleOcr;

        model.OutputsProbabilities.Should().BeTrue();
        model.ClassCount.Should().Be(2);
        model.Input.Name.Should().Be("x");
        model.Sha256.Should().Be(KnownModels.PaddleOcrClassifierSha256);
    }

    [Fact]
    public void Graph_PaddleOcr_ReadsFirstConvFromConstantNodes()
    {
        var graph = TestModels.PaddleOcr.Graph;

        graph.Nodes.Should().HaveCount(471);
        graph.OpCounts["Constant"].Should().Be(250);
        var first = graph.FirstConv;
        first.WeightShape.Should().Equal(8, 3, 3, 3);
        first.Strides.Should().Equal(2, 2);
        first.Pads.Should().Equal(1, 1, 1, 1);
        first.Group.Should().Be(1);
        var weights = graph.Weight(first.WeightName);
        weights.Length.Should().Be(8 * 3 * 3 * 3);
        weights.Values.ToArray().Should().OnlyContain(v => float.IsFinite(v)).And.Contain(v => v != 0);
        graph.ConvLayers.Should().Contain(c => c.IsDepthwise, "MobileNetV3 uses depthwise convolutions");
    }

    [Fact]
    public void PenultimateTensor_PaddleOcr_IsTheClassifierInput()
    {
        var model = TestModels.PaddleOcr;
        var penultimate = model.Graph.PenultimateTensor;

        penultimate.Should().NotBeNull();
        var tap = model.Predict(TestModels.Line("Hello ModelAudit 2026"), penultimate!).Tap(penultimate!);
        tap.Length.Should().Be(200);
    }

    [Fact]
    public void Taps_FirstConvOutput_ComeBackWithUnchangedPrediction()
    {
        var model = TestModels.PaddleOcr;
        var image = TestModels.Line("Tapped tensors");
        var conv = model.Graph.FirstConv.Output;

        var plain = model.Predict(image);
        var tapped = model.Predict(image, conv);

        tapped.Tap(conv).Shape.Should().Equal(8, 24, 96);
        // Exposing an inner tensor stops ONNX Runtime fusing Conv+BN there, so agreement is to rounding, not bits.
        tapped.Probabilities[0].Should().BeApproximately(plain.Probabilities[0], 1e-5f);
    }

    [Fact]
    public void Engine_AgreesWithMlNetPipeline_OnPaddleOcr()
    {
        var model = TestModels.PaddleOcr;
        var images = TestModels.TextLines.Take(6).Select(TestModels.Line).SelectMany(i => new[] { i, TestModels.Upside(i) }).ToArray();
        using var reference = model.CreateReferencePipeline();

        var fast = model.Predict(images);
        var viaEngine = images.Select(reference.Score).ToArray();
        var viaTransform = reference.Transform(images);

        for (var i = 0; i < images.Length; i++)
        {
            for (var k = 0; k < model.ClassCount; k++)
            {
                fast[i].Probabilities[k].Should().BeApproximately(viaEngine[i][k], 1e-4f);
                fast[i].Probabilities[k].Should().BeApproximately(viaTransform[i][k], 1e-4f);
            }
        }
    }

    [Fact]
    public void RoundTrip_UneditedPaddleOcr_IsByteIdentical()
    {
        var bytes = File.ReadAllBytes(KnownModels.PaddleOcrClassifierPath());

        var proto = ModelAudit.Models.Onnx.ModelProto.Parser.ParseFrom(bytes);

        Google.Protobuf.MessageExtensions.ToByteArray(proto).Should().Equal(bytes);
    }
}
