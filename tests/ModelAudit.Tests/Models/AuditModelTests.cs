using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

public sealed class AuditModelTests
{
    private static readonly InputSpec Gray2x2 = InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f], [0f]);

    [Fact]
    public void Predict_LinearModel_MatchesSoftmaxWorkedByHand()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", Gray2x2);
        float[] x = [0, 1, 2, 3];

        var p = model.PredictTensors(x, 1)[0].Probabilities;

        // softmax([0,1,2,3]) = e^k / (1 + e + e^2 + e^3)
        var z = 1 + Math.E + (Math.E * Math.E) + Math.Pow(Math.E, 3);
        p.Select(v => (double)v).Should().Equal(new[] { 1 / z, Math.E / z, Math.E * Math.E / z, Math.Pow(Math.E, 3) / z }, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void PredictTensors_ManyBatches_EqualsOneAtATime()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", Gray2x2, new EngineOptions { BatchSize = 3 });
        var rng = new Random(7);
        var inputs = Enumerable.Range(0, 4 * 10).Select(_ => (float)rng.NextDouble()).ToArray();

        var batched = model.PredictTensors(inputs, 10);

        for (var i = 0; i < 10; i++)
        {
            model.PredictTensors(inputs.AsSpan(i * 4, 4), 1)[0].Probabilities.Should().Equal(batched[i].Probabilities);
        }
    }

    [Fact]
    public void Predict_FixedBatchModel_LoopsOneImageAtATime()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(dynamicBatch: false), "fixed.onnx", Gray2x2);
        var inputs = new float[4 * 5];
        inputs[7] = 5;

        var predictions = model.PredictTensors(inputs, 5);

        predictions.Should().HaveCount(5);
        predictions[1].Top1.Should().Be(3);
        predictions[0].Top1.Should().Be(0);
    }

    [Fact]
    public void Predict_LogitModel_AppliesSoftmaxAndKeepsLogits()
    {
        var bytes = new TinyOnnx().Input("x", -1, 1, 2, 2)
            .Node("Flatten", ["x"], ["logits"], TinyOnnx.Int("axis", 1)).Output("logits", -1, 4).Build();
        using var model = AuditModel.Load(bytes, "logits.onnx", Gray2x2);

        var prediction = model.PredictTensors(new float[] { 0, 0, 0, 0 }, 1)[0];

        model.OutputsProbabilities.Should().BeFalse();
        prediction.Logits.Should().Equal(0f, 0f, 0f, 0f);
        prediction.Probabilities.Should().AllSatisfy(p => p.Should().BeApproximately(0.25f, 1e-7f));
    }

    [Fact]
    public void Weight_ConstantNodeWithRawData_IsRead()
    {
        var bytes = new TinyOnnx().Input("x", -1, 1, 2, 2)
            .ConstantNode("k", [1, 2, 3, 4], 1, 1, 2, 2)
            .Node("Conv", ["x", "k"], ["c"])
            .Node("Flatten", ["c"], ["y"], TinyOnnx.Int("axis", 1)).Output("y", -1, 1).Build();
        using var model = AuditModel.Load(bytes, "const.onnx", Gray2x2);

        model.Graph.FirstConv.WeightShape.Should().Equal(1, 1, 2, 2);
        model.Graph.Weight("k").Values.ToArray().Should().Equal(1, 2, 3, 4);
        model.PredictTensors(new float[] { 1, 1, 1, 1 }, 1)[0].Logits.Should().Equal(10f);
    }

    [Fact]
    public void Engine_AgreesWithMlNetPipeline_OnLinearModel()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", Gray2x2);
        using var reference = model.CreateReferencePipeline();
        var image = RgbImage.Create(2, 2, (x, y) => Rgb.Gray((byte)((x + (2 * y)) * 10)));

        var fast = model.Predict(image).Probabilities;
        var slow = reference.Score(image);

        fast.Zip(slow).Should().AllSatisfy(p => p.First.Should().BeApproximately(p.Second, 1e-6f));
        reference.Transformer.Should().NotBeNull();
    }
}
