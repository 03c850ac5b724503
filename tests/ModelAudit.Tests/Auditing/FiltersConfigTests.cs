using ModelAudit.Auditing;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Auditing;

/// <summary>The filters section's thresholds: each reaches <see cref="Filters.FilterOptions"/>, and a bad value names its key.</summary>
public sealed class FiltersConfigTests
{
    private static AuditConfig Config(string filters) => AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder(), "shapes-defective",
        json => json[..json.IndexOf("\"audits\"", StringComparison.Ordinal)] + $$"""
            "audits": { "filters": {{filters}} } }
            """));

    [Fact]
    public void Run_DefaultThresholds_FindThePlantedFilters()
    {
        var run = AuditRunner.Run(Config("""{ "max_dead_filters": 0, "max_noisy_filters": 0 }"""));

        run.Checks.Select(c => $"{c.Name} {c.Measured}").Should().Equal("dead filters in conv1 2", "noisy filters in conv1 2");
    }

    [Fact]
    public void Run_Thresholds_ReachTheFilterReport()
    {
        var run = AuditRunner.Run(Config("""
            { "max_dead_filters": 0, "max_noisy_filters": 0, "max_duplicate_pairs": 0,
              "dead_relative_norm": 0, "dead_absolute_norm": 0, "min_smoothness_z": 100, "duplicate_cosine": 0 }
            """));

        var checks = run.Checks.ToDictionary(c => c.Name, c => c.Measured);
        checks["dead filters in conv1"].Should().Be(2, "only an all-zero filter has a norm of at most 0, as the two planted ones do");
        checks["noisy filters in conv1"].Should().Be(14, "no live filter is 100 null deviations smoother than noise");
        checks["near-duplicate filter pairs in conv1"].Should().BeGreaterThan(0, "every pair has |cosine| ≥ 0");
    }

    [Theory]
    [InlineData("dead_relative_norm", "2", "audits.filters.dead_relative_norm is 2, outside [0, 1].")]
    [InlineData("dead_absolute_norm", "-1", "audits.filters.dead_absolute_norm is -1, outside *")]
    [InlineData("min_smoothness_z", "1000", "audits.filters.min_smoothness_z is 1000, outside [-100, 100].")]
    [InlineData("min_relative_smoothness", "1.5", "audits.filters.min_relative_smoothness is 1.5, outside [0, 1].")]
    [InlineData("duplicate_cosine", "-0.5", "audits.filters.duplicate_cosine is -0.5, outside [0, 1].")]
    [InlineData("max_duplicate_pairs", "-1", "audits.filters.max_duplicate_pairs is -1, outside *")]
    public void Load_ThresholdOutOfRange_NamesTheKey(string key, string value, string message)
    {
        var act = () => Config($$"""{ "max_dead_filters": 0, "{{key}}": {{value}} }""");

        act.Should().Throw<AuditConfigException>().WithMessage($"*{message}");
    }
}
