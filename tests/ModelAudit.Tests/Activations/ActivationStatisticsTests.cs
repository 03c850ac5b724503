using ModelAudit.Activations;
using ModelAudit.Assertions;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Activations;

public sealed class ActivationStatisticsTests
{
    private static readonly string[] Layers = ["relu1", "relu3"];
    private static readonly Lazy<ActivationStatistics> Clean = new(() => new ActivationAnalysis(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes, Layers));
    private static readonly Lazy<ActivationStatistics> Defective = new(() => new ActivationAnalysis(ShapesFixtures.Defective).Compute(ShapesFixtures.Probes, Layers));

    [Fact]
    public void Compute_DefectiveModel_PlantedFiltersNeverFire()
    {
        var relu1 = Defective.Value.Layer("relu1");

        relu1.DeadChannels.Should().Equal(3, 9);
        relu1.Max[3].Should().Be(0);
        relu1.FiringFraction.Where((_, c) => c is not (3 or 9)).Should().OnlyContain(f => f > 0.1);
    }

    [Fact]
    public void Compute_CleanModel_FirstLayerIsAlive()
    {
        var relu1 = Clean.Value.Layer("relu1");

        relu1.Shape.Should().Equal(16, 64, 64);
        relu1.ChannelCount.Should().Be(16);
        relu1.Sparsity.Should().BeInRange(0.2, 0.7);
        relu1.Mean.Should().OnlyContain(m => m > 0);
        Clean.Value.Should().HaveNoDeadChannels("relu1");
    }

    [Fact]
    public void HaveNoDeadChannels_DefectiveModel_ListsChannels()
    {
        var act = () => Defective.Value.Should().HaveNoDeadChannels("relu1", maxFraction: 0.1);

        act.Should().Throw<Exception>().WithMessage("Expected activations of layer relu1 to have at most 10% dead channels, but found 2 of 16 (12.5%) that never fired on 48 probes (channels 3, 9).");
    }

    [Fact]
    public void ToJson_RoundTrips_WithSortedKeys()
    {
        var json = Clean.Value.ToJson();

        var back = ActivationStatistics.FromJson(json);

        back.ToJson().Should().Be(json);
        back.Layer("relu3").DeadChannels.Should().Equal(Clean.Value.Layer("relu3").DeadChannels);
        json.IndexOf("\"deadChannels\"", StringComparison.Ordinal).Should().BeLessThan(json.IndexOf("\"firingFraction\"", StringComparison.Ordinal));
        ActivationDrift.Compare(Clean.Value, back).IsWithinTolerance.Should().BeTrue();
    }

    [Fact]
    public void Compare_DefectiveAgainstCleanBaseline_ReportsNewDeadChannels()
    {
        var drift = ActivationDrift.Compare(Clean.Value, Defective.Value);

        drift.Violations.Should().Contain(v => v.Layer == "relu1" && v.Metric == "new_dead_channels" && v.Current == 2);
        drift.Violations.Where(v => v.Metric == "firing").Select(v => v.Channel).Should().Contain([3, 9]);
    }

    [Fact]
    public void NotDriftFrom_DefectiveAgainstCleanBaseline_FailsWithNumbers()
    {
        var act = () => Defective.Value.Should().NotDriftFrom(Clean.Value);

        act.Should().Throw<Exception>().WithMessage("*relu1 new_dead_channels: 0 -> 2 (tolerance 0)*");
    }

    [Fact]
    public void NotDriftFrom_LooseTolerances_Passes()
    {
        Defective.Value.Should().NotDriftFrom(Clean.Value, new ActivationTolerances { MaxNewDeadChannels = 2, MaxFiringFractionChange = 1, MaxSparsityChange = 0.2 });
    }

    [Fact]
    public void Compute_NoProbes_Throws()
    {
        var act = () => new ActivationAnalysis(ShapesFixtures.Clean).Compute([], Layers);

        act.Should().Throw<ArgumentException>().WithMessage("*at least one probe*");
    }
}
