using ModelAudit.Auditing;
using ModelAudit.Occlusion;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Auditing;

/// <summary>The occlusion section's score, fill and target keys, and the per-score signal floor.</summary>
public sealed class OcclusionConfigTests
{
    private static OcclusionConfig Section(string keys) =>
        AuditConfigReader.Parse($$"""
            { "model": "m.onnx", "input": { "height": 64, "width": 64 }, "images": { "folder": "x" },
              "audits": { "occlusion": { "min_mass_inside": 0.5{{keys}} } } }
            """, "audit.json").Audits.Get<OcclusionConfig>()!;

    private static Action Validate(OcclusionConfig section) => () => section.Validate(new ConfigCheck("audits.occlusion"));

    [Fact]
    public void Parse_ScoreFillAndTarget_ReadAsGiven()
    {
        var section = Section(""", "score": "log_odds", "fill": [0.1, 0.2, 0.3], "target": 2""");

        Validate(section).Should().NotThrow();
        section.ScoreKind.Should().Be(OcclusionScore.LogOdds);
        OcclusionSettings.Fill(section.Fill, 8).Should().Be(OcclusionFill.InputValue(0.1f, 0.2f, 0.3f));
        OcclusionSettings.ClassIndex(section.Target).Should().Be(2);
    }

    [Theory]
    [InlineData("grey", "constant #808080")]
    [InlineData("black", "constant #000000")]
    [InlineData("mean", "normalised zero (input value 0)")]
    [InlineData("normalised_zero", "normalised zero (input value 0)")]
    [InlineData("blur", "blur sigma=4")]
    public void Parse_NamedFill_GivesItsFill(string name, string fill)
    {
        var section = Section($$""", "fill": "{{name}}" """);

        Validate(section).Should().NotThrow();
        OcclusionSettings.Fill(section.Fill, 8).ToString().Should().Be(fill);
    }

    [Theory]
    [InlineData(""", "score": "odds" """, "audits.occlusion.score is 'odds'; use \"probability\", \"logit\" or \"log_odds\".")]
    [InlineData(""", "fill": "white" """, "audits.occlusion.fill is \"white\"; use \"grey\", \"black\", \"mean\", \"normalised_zero\", \"blur\" or an array*")]
    [InlineData(""", "fill": [0, 1] """, "audits.occlusion.fill is [0, 1]; use*1 value for every channel, or 3*")]
    [InlineData(""", "target": "top1" """, "audits.occlusion.target is \"top1\"; use \"label\", \"predicted\" or a class index*")]
    [InlineData(""", "target": -1 """, "audits.occlusion.target is -1; use*")]
    [InlineData(""", "score": "probability", "min_signal": 2 """, "audits.occlusion.min_signal*")]
    public void Validate_BadValue_NamesTheKeyAndTheAllowedValues(string keys, string message)
    {
        Validate(Section(keys)).Should().Throw<AuditConfigException>().WithMessage(message);
    }

    [Theory]
    [InlineData("probability", 0.05)]
    [InlineData("logit", 0.5)]
    [InlineData("log_odds", 0.5)]
    public void SignalFloor_MinSignalNotSet_IsTheScoresDefault(string score, double floor)
    {
        Section($$""", "score": "{{score}}" """).SignalFloor.Should().Be(floor);
        Section($$""", "score": "{{score}}", "min_signal": 0.2 """).SignalFloor.Should().Be(0.2);
    }

    [Fact]
    public void Run_LogOddsWithNormalisedZero_ReportSaysWhichScoreAndFill()
    {
        var folder = CliRunner.TempFolder();
        var config = AuditConfigReader.Load(CliRunner.WriteConfig(folder, edit: json =>
            json.Replace("\"max_images\": 6,", "\"max_images\": 6, \"score\": \"log_odds\", \"fill\": \"normalised_zero\",", StringComparison.Ordinal)));

        var run = AuditRunner.Run(config, new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        var section = run.Sections.Single(s => s.Title == "Occlusion sensitivity");
        section.Summary.Should().Contain("filled with normalised zero (input value 0)").And.Contain("drop in the target class's log-odds").And.Contain("labelled class");
        run.Checks.Where(c => c.Audit == "occlusion").Should().OnlyContain(c => c.Passed);
    }
}
