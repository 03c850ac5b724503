using ModelAudit.Datasets;
using ModelAudit.Tests.TestSupport;
using ModelAudit.Visualisation;

namespace ModelAudit.Tests.Visualisation;

/// <summary>DeepDream on the clean fixture model: the layer's mean squared activation grows from the start image.</summary>
public sealed class DeepDreamTests
{
    private static readonly Lazy<ModelAudit.Imaging.RgbImage> Start = new(() => ShapeDataset.Generate(1000, 1)[0].Image);

    [Fact]
    public void Compute_Relu2_MeanSquareIncreases()
    {
        var dream = new DeepDream(ShapesFixtures.Clean);

        var result = dream.Compute(Start.Value, new DeepDreamOptions { Layer = "relu2", Steps = 20 });

        result.Objective.Should().Be("relu2 mean square");
        result.Start.Should().BeSameAs(Start.Value);
        result.ObjectiveValues.Should().HaveCount(21);
        result.Render(2).Width.Should().BeGreaterThanOrEqualTo(2 * 2 * 64, "start and dream side by side");
        result.ToSnapshot().Metrics["objective_final"].Should().Be(result.FinalObjective);
        result.FinalObjective.Should().BeGreaterThan(1.5 * result.ObjectiveValues[0]);
        result.ObjectiveValues.Skip(10).Average().Should().BeGreaterThan(result.ObjectiveValues.Take(10).Average());
        var tap = ShapesFixtures.Clean.Predict(result.Image, "relu2").Tap("relu2").Values.ToArray();
        tap.Average(v => (double)v * v).Should().BeApproximately(result.FinalObjective, 0.05 * result.FinalObjective, "the objective is the mean square on the final image");
    }

    [Fact]
    public void Compute_ThreeOctaves_KeepsIncreasingAcrossOctaves()
    {
        var dream = new DeepDream(ShapesFixtures.Clean);

        var result = dream.Compute(Start.Value, new DeepDreamOptions { Layer = "conv3", Steps = 8, Octaves = 3, Seed = 3 });
        var again = dream.Compute(Start.Value, new DeepDreamOptions { Layer = "conv3", Steps = 8, Octaves = 3, Seed = 3 });

        result.Objective.Should().Be("conv3 mean square");
        result.ObjectiveValues.Should().HaveCount(25);
        result.ObjectiveValues[16].Should().BeGreaterThan(result.ObjectiveValues[8]).And.BeGreaterThan(result.ObjectiveValues[0]);
        result.FinalObjective.Should().BeGreaterThan(result.ObjectiveValues[16]);
        again.Image.Pixels.ToArray().Should().Equal(result.Image.Pixels.ToArray());
    }

    [Fact]
    public void Compute_BadOctaves_NamesTheValue()
    {
        var dream = new DeepDream(ShapesFixtures.Clean);

        var act = () => dream.Compute(Start.Value, new DeepDreamOptions { Layer = "relu2", Octaves = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Octaves must be between 1 and 8, but was 0*");
    }

    [Fact]
    public void Compute_BlankLayer_NamesTheProperty()
    {
        var dream = new DeepDream(ShapesFixtures.Clean);

        var act = () => dream.Compute(Start.Value, new DeepDreamOptions { Layer = "" });

        act.Should().Throw<ArgumentException>().WithMessage("Layer must name a tensor or a Conv node*").Which.ParamName.Should().Be("Layer");
    }
}
