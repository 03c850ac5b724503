using ModelAudit.Assertions;
using ModelAudit.Filters;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Filters;

public sealed class FilterFixtureTests
{
    // Clean conv1 scores at most 0.769 (filter 11); 0.8 is the bound the shapes audit passes to BeSmooth.
    private const double MaxTotalVariation = 0.8;

    [Fact]
    public void For_DefectiveModel_ReportsExactlyThePlantedDeadFilters()
    {
        var report = FilterReport.For(ShapesFixtures.Defective);

        report.Layer.Output.Should().Be("conv1");
        report.DeadFilters.Should().Equal(3, 9);
        report.Filters.Where(f => !f.IsDead).Should().OnlyContain(f => f.Norm > 0.5);
        report.DuplicatePairs.Should().BeEmpty();
    }

    [Fact]
    public void For_CleanModel_Passes()
    {
        var report = FilterReport.For(ShapesFixtures.Clean);

        report.Should().HaveNoDeadFilters().And.BeSmooth(MaxTotalVariation).And.HaveNoDuplicateFilters();
        report.NoisyFilters.Should().BeEmpty();
    }

    [Fact]
    public void For_DefectiveModel_ReportsExactlyThePlantedNoisyAndDeadFilters()
    {
        using var planted = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.Path("fixtures", "models", "shapes-defective.planted.json")));
        var dead = planted.RootElement.GetProperty("dead").EnumerateArray().Select(e => e.GetInt32());
        var noisy = planted.RootElement.GetProperty("noisy").EnumerateArray().Select(e => e.GetInt32());

        var report = FilterReport.For(ShapesFixtures.Defective);

        report.DeadFilters.Should().Equal(dead);
        report.NoisyFilters.Should().Equal(noisy);
        report.Filters[5].TotalVariation.Should().BeApproximately(1.0, 1e-9, "the planted noise alternates sign between all neighbours");
    }

    [Fact]
    public void BeSmooth_DefectiveModel_NamesThePlantedNoisyFilters()
    {
        var act = () => FilterReport.For(ShapesFixtures.Defective).Should().BeSmooth(MaxTotalVariation);

        act.Should().Throw<Exception>().WithMessage("*but found 2 of 16 filters that are not: #5 TV 1.000 HF 0.799, #12 TV 1.000 HF 0.729*");
    }

    [Fact]
    public void HaveNoDeadFilters_DefectiveModel_ListsThePlantedOnes()
    {
        var report = FilterReport.For(ShapesFixtures.Defective);

        var act = () => report.Should().HaveNoDeadFilters();

        act.Should().Throw<Exception>().WithMessage("*conv1*found 2 of 16: #3 norm 0e+0, #9 norm 0e+0 (median norm 0.88*");
    }

    [Fact]
    public void BeSmooth_TightThreshold_ListsOffendersWithScores()
    {
        var report = FilterReport.For(ShapesFixtures.Clean);

        var act = () => report.Should().BeSmooth(maxTotalVariation: 0.7);

        act.Should().Throw<Exception>().WithMessage("*TV <= 0.7*but found 1 of 16 filters that are not: #11 TV 0.769 HF 0.364*");
    }

    [Fact]
    public void For_PaddleOcrFirstLayer_IsReportedAndRendered()
    {
        var report = FilterReport.For(TestModels.PaddleOcr);

        report.Layer.WeightShape.Should().Equal(8, 3, 3, 3);
        report.DeadFilters.Should().BeEmpty();
        report.Filters.Should().OnlyContain(f => f.TotalVariation > 0.5 && f.TotalVariation < 0.72);
        var grid = FilterGrid.Render(report);
        grid.Width.Should().Be(3 + (8 * 27));
        grid.Height.Should().Be(3 + 27);
    }

    [Fact]
    public void For_PaddleOcrDepthwiseLayer_TreatsEachFilterAsOnePlane()
    {
        var graph = TestModels.PaddleOcr.Graph;
        var depthwise = graph.ConvLayers.First(c => c.IsDepthwise);

        var report = FilterReport.For(TestModels.PaddleOcr, depthwise);

        report.Layer.InChannelsPerGroup.Should().Be(1);
        report.Filters.Should().HaveCount(depthwise.OutChannels);
        report.DuplicatePairs.Should().BeEmpty("filters of different groups read different channels");
        report.Filters.Should().OnlyContain(f => f.Norm > 0 && f.TotalVariation > 0);
        FilterGrid.Render(report).Height.Should().Be(3 + 27);
    }
}
