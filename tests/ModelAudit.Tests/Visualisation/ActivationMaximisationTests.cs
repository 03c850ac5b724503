using ModelAudit.Datasets;
using ModelAudit.Tests.TestSupport;
using ModelAudit.Visualisation;

namespace ModelAudit.Tests.Visualisation;

/// <summary>Class and channel visualisations on the clean fixture model.</summary>
public sealed class ActivationMaximisationTests
{
    private static readonly ActivationMaximisationOptions Short = new() { Steps = 100 };

    [Fact]
    public void Compute_EveryClassTarget_VisualisationIsPredictedAsItsClass()
    {
        var maximisation = new ActivationMaximisation(ShapesFixtures.Clean);

        for (var k = 0; k < ShapeDataset.ClassNames.Count; k++)
        {
            var result = maximisation.Compute(FeatureTarget.Class(k), Short);

            var prediction = ShapesFixtures.Clean.Predict(result.Image);
            prediction.Probabilities[k].Should().BeGreaterThan(0.95f, "the visualisation of class {0} is what the model takes for it", k);
            Increases(result.ObjectiveValues);
        }
    }

    [Fact]
    public void Compute_LiveChannelTarget_MeanActivationIncreases()
    {
        var maximisation = new ActivationMaximisation(ShapesFixtures.Clean);

        var result = maximisation.Compute(FeatureTarget.Channel("relu3", 4), new ActivationMaximisationOptions { Steps = 60 });

        result.Objective.Should().Be("relu3[4] mean");
        Increases(result.ObjectiveValues);
        var tap = ShapesFixtures.Clean.Predict(result.Image, "relu3").Tap("relu3").Channel(4).ToArray();
        ((double)tap.Average()).Should().BeApproximately(result.FinalObjective, 0.05 * result.FinalObjective, "the objective is the channel's mean on the final image");
    }

    [Fact]
    public void Compute_SameSeed_SameImageBytes()
    {
        var maximisation = new ActivationMaximisation(ShapesFixtures.Clean);
        var options = new ActivationMaximisationOptions { Steps = 15, Seed = 7 };

        var first = maximisation.Compute(FeatureTarget.Class(2), options);
        var second = maximisation.Compute(FeatureTarget.Class(2), options);
        var other = maximisation.Compute(FeatureTarget.Class(2), options with { Seed = 8 });

        second.Image.Pixels.ToArray().Should().Equal(first.Image.Pixels.ToArray());
        second.ObjectiveValues.Should().Equal(first.ObjectiveValues);
        other.Image.Pixels.ToArray().Should().NotEqual(first.Image.Pixels.ToArray());
    }

    [Fact]
    public void Compute_BadChannelOrOption_NamesTheValue()
    {
        var maximisation = new ActivationMaximisation(ShapesFixtures.Clean);

        var channel = () => maximisation.Compute(FeatureTarget.Channel("relu3", 32));
        var steps = () => maximisation.Compute(FeatureTarget.Class(0), new ActivationMaximisationOptions { Steps = 0 });

        channel.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 0 and 31 for 'relu3'*");
        steps.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Steps must be between 1 and 100000, but was 0*");
    }

    /// <summary>
    /// Jitter makes single steps noisy and L2 decay makes the objective level off, so: the second half is higher than
    /// the first, the end is well above the start, and the end is near the best value seen (no collapse).
    /// </summary>
    private static void Increases(IReadOnlyList<double> values)
    {
        var half = values.Count / 2;
        values.Skip(half).Average().Should().BeGreaterThan(values.Take(half).Average());
        values[^1].Should().BeGreaterThan(values[0] + 1, "the objective started at {0}", values[0]);
        values[^1].Should().BeGreaterThan(values[0] + (0.8 * (values.Max() - values[0])), "the best value was {0}", values.Max());
    }
}
