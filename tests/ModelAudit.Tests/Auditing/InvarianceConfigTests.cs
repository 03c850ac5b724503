using ModelAudit.Auditing;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Auditing;

/// <summary>The invariance section's listed sweeps: every transform the library has, gated by <c>min_agreement</c>.</summary>
public sealed class InvarianceConfigTests
{
    private static AuditConfig Config(string invariance) => AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder(),
        edit: json => json[..json.IndexOf("\"audits\"", StringComparison.Ordinal)] + $$"""
            "audits": { "invariance": {{invariance}} } }
            """));

    [Fact]
    public void Run_ListedSweeps_GateEachOnItsWorstValue()
    {
        var run = AuditRunner.Run(Config("""
            { "shift_range": 0, "rotation_range": 0, "max_images": 8, "vertical_shifts": [-2, 2], "scales": [0.9, 1.1],
              "brightness": [-20, 20], "contrast": [0.8], "blur": [1], "noise": [8], "min_agreement": 0.5 }
            """));

        run.Checks.Select(c => c.Name).Should().Equal(
            "top-1 agreement over translate-y at -2, 2 (minimum)",
            "top-1 agreement over scale at 0.9, 1.1 (minimum)",
            "top-1 agreement over brightness at -20, 20 (minimum)",
            "top-1 agreement over contrast at 0.8 (minimum)",
            "top-1 agreement over blur at 1 (minimum)",
            "top-1 agreement over noise at 8 (minimum)");
        run.Checks.Should().OnlyContain(c => c.Passed && c.Measured >= 0.5 && c.Measured <= 1);
        var section = run.Sections.Single();
        section.Figures.Select(f => f.Name).Should().Equal("translate-y", "scale", "brightness", "contrast", "blur", "noise");
        section.Metrics.Keys.Should().Contain(["translate-y.min_agreement", "scale.min_agreement", "noise.min_agreement"]);
    }

    [Fact]
    public void Run_ListedSweepsWithoutImages_AreNotMeasuredSayingWhy()
    {
        var run = AuditRunner.Run(Config("""{ "max_images": 0, "scales": [0.9], "min_agreement": 0.5 }"""));

        run.Checks.Single().Describe().Should().Contain("max_images is 0");
    }

    [Theory]
    [InlineData("\"scales\": [0, 1.1]", "audits.invariance.scales is [0, 1.1]; give positive factors.")]
    [InlineData("\"blur\": [-1]", "audits.invariance.blur is [-1]; give sigmas of 0 or more.")]
    [InlineData("\"noise\": [4, 4]", "audits.invariance.noise is [4, 4], which lists a value twice; list each value once.")]
    [InlineData("\"contrast\": [-0.5]", "audits.invariance.contrast is [-0.5]; give gains of 0 or more.")]
    [InlineData("\"min_agreement\": 0.9", "audits.invariance.min_agreement gates the listed sweeps*which are all empty*")]
    [InlineData("\"scales\": [1.1], \"min_agreement\": 2", "audits.invariance.min_agreement is 2, outside [0, 1].")]
    public void Load_BadSweep_NamesTheKey(string keys, string message)
    {
        var act = () => Config($$"""{ "min_shift_agreement": 0.5, {{keys}} }""");

        act.Should().Throw<AuditConfigException>().WithMessage($"*{message}");
    }
}
