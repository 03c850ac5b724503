using ModelAudit.Baselines;
using ModelAudit.Snapshots;

namespace ModelAudit.Tests.Baselines;

public sealed class MetricToleranceTests
{
    private static readonly SnapshotName Name = SnapshotName.Parse("Audit.Metrics");

    private static Snapshot Metrics(params (string Name, double Value)[] metrics) =>
        Snapshot.Of(metrics.ToDictionary(m => m.Name, m => m.Value));

    [Fact]
    public void Check_DriftBeyondDefault_ListsFieldWithExpectedActualAndTolerance()
    {
        using var temp = new TempBaselines();
        Baseline.Check(Metrics(("mass_inside", 0.5), ("peak", 3)), Name, temp.Settings with { Accept = true });

        var result = Baseline.Check(Metrics(("mass_inside", 0.51), ("peak", 3)), Name, temp.Settings);

        result.MetricDifferences.Should().ContainSingle().Which.Should().Be(
            new MetricDifference("mass_inside", MetricChange.Changed, 0.5, 0.51, 1e-6 + (1e-4 * 0.5)));
        result.Message.Should().Contain("metric 'mass_inside': expected 0.5, found 0.51, difference 0.01 exceeds tolerance 5.1E-05")
            .And.Contain("received: " + temp.File("Audit.Metrics.received.json"));
    }

    [Fact]
    public void Check_FieldOverride_AllowsTheDriftForThatFieldOnly()
    {
        using var temp = new TempBaselines();
        Baseline.Check(Metrics(("mass_inside", 0.5), ("peak", 3)), Name, temp.Settings with { Accept = true });

        Baseline.For(Metrics(("mass_inside", 0.51), ("peak", 3))).WithSettings(temp.Settings).WithTolerance("mass_inside", abs: 0.02)
            .Check(Name).Outcome.Should().Be(BaselineOutcome.Matched);
        Baseline.For(Metrics(("mass_inside", 0.5), ("peak", 3.1))).WithSettings(temp.Settings).WithTolerance("mass_inside", abs: 0.02)
            .Check(Name).MetricDifferences.Select(d => d.Metric).Should().Equal("peak");
    }

    [Fact]
    public void Check_PrefixOverride_AppliesToMatchingFieldsAndExactKeyWins()
    {
        using var temp = new TempBaselines();
        Baseline.Check(Metrics(("mass_box", 0.5), ("mass_mark", 0.1), ("peak", 3)), Name, temp.Settings with { Accept = true });
        var settings = temp.Settings with
        {
            Tolerances = new Dictionary<string, MetricTolerance> { ["mass_*"] = new(0.05), ["mass_mark"] = new(0.001) },
        };

        var result = Baseline.Check(Metrics(("mass_box", 0.54), ("mass_mark", 0.11), ("peak", 3)), Name, settings);

        result.MetricDifferences.Select(d => (d.Metric, d.Tolerance)).Should().Equal(("mass_mark", 0.001 + (1e-4 * 0.1)));
    }

    [Fact]
    public void Check_MissingAndExtraFields_AreListed()
    {
        using var temp = new TempBaselines();
        Baseline.Check(Metrics(("a", 1), ("b", 2)), Name, temp.Settings with { Accept = true });

        var result = Baseline.Check(Metrics(("b", 2), ("c", 3)), Name, temp.Settings);

        result.MetricDifferences.Select(d => (d.Metric, d.Change)).Should().Equal(("a", MetricChange.Missing), ("c", MetricChange.Added));
        result.Message.Should().Contain("metric 'a': missing from the snapshot (verified 1)").And.Contain("metric 'c': not in the verified baseline (received 3)");
    }

    [Fact]
    public void Resolve_ThreeLayers_LaterLayersWinPerProperty()
    {
        var global = new BaselineSettings { Root = "/g", ImageThreshold = 0.9, DefaultTolerance = new(Absolute: 0.1) };
        var call = new BaselineSettings { ImageThreshold = 0.95, Tolerances = new Dictionary<string, MetricTolerance> { ["x"] = new(1) } };
        var chain = new BaselineSettings { DefaultTolerance = new(Relative: 0.5), Tolerances = new Dictionary<string, MetricTolerance> { ["y"] = new(2) } };

        var resolved = ResolvedBaselineSettings.Resolve(global, call, chain);

        resolved.Root.Should().Be("/g");
        resolved.ImageThreshold.Should().Be(0.95);
        (resolved.Absolute, resolved.Relative).Should().Be((0.1, 0.5));
        resolved.Tolerances.Keys.Should().Equal("x", "y");
    }

    [Theory]
    [InlineData(0.0, "ImageThreshold must lie in (0, 1]*0 was given*")]
    [InlineData(1.5, "ImageThreshold must lie in (0, 1]*1.5 was given*")]
    public void Resolve_BadThreshold_NamesTheValue(double threshold, string message)
    {
        var act = () => ResolvedBaselineSettings.Resolve(new BaselineSettings { Root = "/r", ImageThreshold = threshold });

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Resolve_NegativeTolerance_NamesTheField()
    {
        var settings = new BaselineSettings { Root = "/r", Tolerances = new Dictionary<string, MetricTolerance> { ["mass"] = new(-1) } };

        var act = () => ResolvedBaselineSettings.Resolve(settings);

        act.Should().Throw<ArgumentException>().WithMessage("*the tolerance for 'mass' has absolute -1*");
    }
}
