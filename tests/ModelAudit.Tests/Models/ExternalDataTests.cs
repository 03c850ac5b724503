using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

/// <summary>Models saved with their weights in a side file (<c>save_as_external_data=True</c>) load, run, tap and read weights.</summary>
public sealed class ExternalDataTests
{
    [Fact]
    public void Predict_ExternalData_MatchesTheModelWithWeightsInside()
    {
        var images = Exports.Images(5);
        using var inside = Exports.Load("dynamic");
        using var external = Exports.Load("external");

        var expected = inside.Predict(images, ["/Relu_1_output_0"]);
        var actual = external.Predict(images, ["/Relu_1_output_0"]);

        for (var i = 0; i < images.Length; i++)
        {
            actual[i].Probabilities.Should().Equal(expected[i].Probabilities, (a, b) => Math.Abs(a - b) <= 1e-6f);
            actual[i].Taps["/Relu_1_output_0"].Values.ToArray().Should().Equal(expected[i].Taps["/Relu_1_output_0"].Values.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-5f,
                "a tapped copy of the model must still find its weights");
        }
    }

    [Fact]
    public void Weight_ExternalData_IsReadFromTheSideFile()
    {
        var inside = ModelGraph.Load(Exports.Path("dynamic"));
        var external = ModelGraph.Load(Exports.Path("external"));

        foreach (var conv in external.ConvLayers)
        {
            external.Weight(conv.WeightName).Values.ToArray().Should().Equal(inside.Weight(inside.Conv(conv.NodeName).WeightName).Values.ToArray());
        }
    }

    [Fact]
    public void ReferencePipeline_ExternalData_ScoresLikeTheEngine()
    {
        var image = Exports.Images(1)[0];
        using var model = Exports.Load("external");
        using var reference = model.CreateReferencePipeline();

        reference.Score(image).Should().Equal(model.Predict(image).Probabilities, (a, b) => Math.Abs(a - b) <= 1e-5f);
    }

    [Fact]
    public void Load_ExternalDataFileMissing_NamesTheFileAndWhereItWasLookedFor()
    {
        var folder = Directory.CreateTempSubdirectory("modelaudit-external-").FullName;
        var path = Path.Combine(folder, "model.onnx");
        File.Copy(Exports.Path("external"), path);

        var load = () => AuditModel.Load(path, ShapesFixtures.Spec);

        load.Should().Throw<InvalidModelException>()
            .WithMessage($"*'exports-external.onnx.data'*looked for at '{Path.Combine(folder, "exports-external.onnx.data")}'*does not exist*");
    }

    [Fact]
    public void Load_ExternalDataGivenAsBytes_SaysToLoadFromThePath()
    {
        var load = () => AuditModel.Load(File.ReadAllBytes(Exports.Path("external")), "external.onnx", ShapesFixtures.Spec);

        load.Should().Throw<InvalidModelException>().WithMessage("*external file 'exports-external.onnx.data'*Load the model from its path*");
    }
}
