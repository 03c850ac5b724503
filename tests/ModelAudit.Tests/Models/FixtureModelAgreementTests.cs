using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

/// <summary>The batched engine and the ML.NET pipeline are two ways to run one file; they must agree on every fixture.</summary>
public sealed class FixtureModelAgreementTests
{
    public static TheoryData<string> Models => new() { "shapes-clean", "shapes-shortcut", "shapes-defective", "shapes-untrained" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Engine_AgreesWithMlNetPipeline(string name)
    {
        using var model = AuditModel.Load(Repo.Path("fixtures", "models", name + ".onnx"), ShapesFixtures.Spec, new EngineOptions { BatchSize = 5 });
        using var reference = model.CreateReferencePipeline();
        var images = ShapeDataset.Generate(1000, 12, new ShapeDatasetOptions { ShortcutMark = name == "shapes-shortcut" }).Select(s => s.Image).ToArray();

        var fast = model.Predict(images);
        var viaTransform = reference.Transform(images);

        for (var i = 0; i < images.Length; i++)
        {
            var viaEngine = reference.Score(images[i]);
            for (var k = 0; k < model.ClassCount; k++)
            {
                fast[i].Probabilities[k].Should().BeApproximately(viaEngine[k], 1e-4f, "image {0}, class {1}", i, k);
                fast[i].Probabilities[k].Should().BeApproximately(viaTransform[i][k], 1e-4f);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void RoundTrip_UneditedModel_IsByteIdentical(string name)
    {
        var bytes = File.ReadAllBytes(Repo.Path("fixtures", "models", name + ".onnx"));

        Google.Protobuf.MessageExtensions.ToByteArray(ModelAudit.Models.Onnx.ModelProto.Parser.ParseFrom(bytes)).Should().Equal(bytes);
    }

    [Fact]
    public void Taps_EveryNamedLayerOfTheFixture_ComeBackWithTheirShapes()
    {
        var prediction = ShapesFixtures.Clean.Predict(ShapesFixtures.Probes[0], "conv1", "pool1", "relu3", "penultimate");

        prediction.Tap("conv1").Shape.Should().Equal(16, 64, 64);
        prediction.Tap("pool1").Shape.Should().Equal(16, 32, 32);
        prediction.Tap("relu3").Shape.Should().Equal(32, 16, 16);
        prediction.Tap("penultimate").Shape.Should().Equal(64);
        ShapesFixtures.Clean.Graph.PenultimateTensor.Should().Be("penultimate");
    }
}
