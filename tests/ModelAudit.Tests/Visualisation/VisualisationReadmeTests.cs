using ModelAudit.Activations;
using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;
using ModelAudit.Visualisation;

namespace ModelAudit.Tests.Visualisation;

/// <summary>The example of src/ModelAudit/Visualisation/README.md, which is copied from here, so it compiles and runs.</summary>
public sealed class VisualisationReadmeTests
{
    [Fact]
    public void ReadmeExample_CleanModel_RaisesEveryObjective()
    {
        var model = ShapesFixtures.Clean;
        var image = ShapeDataset.Generate(1000, 1)[0].Image;
        var probes = ShapesFixtures.Probes;
        var dir = Directory.CreateTempSubdirectory("modelaudit-readme").FullName;

        // --- README ---
        var maximisation = new ActivationMaximisation(model);
        var triangle = maximisation.Compute(FeatureTarget.Class(2), new ActivationMaximisationOptions { Steps = 200, Seed = 0 });
        var channel = maximisation.Compute(FeatureTarget.Channel("relu3", 4));
        var dream = new DeepDream(model).Compute(image, new DeepDreamOptions { Layer = "relu2", Octaves = 3 });
        ImageCodec.SavePng(dream.Render(scale: 4), Path.Combine(dir, "dream.png"));

        var top = new TopActivationSearch(model).Compute(probes, "relu3", new TopActivationOptions { K = 3 });
        var projections = new DeconvnetProjection(model).Compute(top, probes);
        ImageCodec.SavePng(projections.Render(), Path.Combine(dir, "relu3-projections.png"));
        // --- end ---

        foreach (var result in new[] { triangle, channel, dream })
        {
            result.FinalObjective.Should().BeGreaterThan(result.ObjectiveValues[0], result.ToString());
        }

        (triangle.Objective, channel.Objective).Should().Be(("class 2 logit", "relu3[4] mean"));
        projections.Channels.SelectMany(row => row).Should().OnlyContain(p => p.MassInsideField > 0.999);
        Directory.Delete(dir, recursive: true);
    }
}
