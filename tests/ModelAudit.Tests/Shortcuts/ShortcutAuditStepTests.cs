using ModelAudit.Auditing;
using ModelAudit.Reporting;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Shortcuts;

/// <summary>The <c>shortcut</c> section of a config audit, gated by default: the shortcut model fails on every class, the clean model passes.</summary>
public sealed class ShortcutAuditStepTests
{
    [Theory]
    [InlineData("shapes-clean", 0)]
    [InlineData("shapes-shortcut", 4)]
    public void Run_DefaultSection_FlagsTheShortcutModelOnEveryClass(string model, int flagged)
    {
        var run = Run(model, """ "shortcut": { "max_images": 48 } """);

        var check = run.Checks.Single(c => c.Audit == "shortcut");
        check.Name.Should().Be("classes reading a shortcut (box-free scan)");
        check.Measured.Should().Be(flagged);
        check.Passed.Should().Be(flagged == 0);
        var section = run.Sections.Single(s => s.Title == "Shortcut scan");
        section.Metrics["shortcut_classes"].Should().Be(flagged);
        section.Figures.Should().HaveCount(4, "one figure per class");
        section.Tables.Single().Rows.Select(r => r[0]).Should().Equal("circle", "square", "triangle", "cross");
    }

    [Fact]
    public void Run_MarkPlacedPerClass_FlagsEveryClassOfThePlacedShortcutModel()
    {
        var run = AuditRunner.Run(
            AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder(), "shapes-placed-shortcut", json => Replace(json, """ "shortcut": { "max_images": 48 } """)
                .Replace("\"shortcut_mark\": false", "\"shortcut_mark\": true, \"mark_placement\": \"per_class\"", StringComparison.Ordinal))),
            new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        run.Checks.Single(c => c.Audit == "shortcut").Measured.Should().Be(4);
        run.Provenance.Settings["images"].Should().Contain("with a shortcut mark placed per class");
    }

    [Fact]
    public void Run_TooFewImagesPerClass_IsInconclusiveNotPassed()
    {
        var run = Run("shapes-clean", """ "shortcut": { "max_images": 8, "min_images_per_class": 4 } """);

        var check = run.Checks.Single(c => c.Audit == "shortcut");
        check.Verdict.Should().Be(Verdict.Inconclusive);
        check.Details.Should().Contain("could not be judged");
    }

    [Fact]
    public void Run_NoImagesScanned_ReportsTheGateAsNotMeasured()
    {
        var run = Run("shapes-clean", """ "shortcut": { "max_images": 0, "max_border_mass": 0.5 } """);

        run.Checks.Where(c => c.Audit == "shortcut").Should().HaveCount(2).And.OnlyContain(c => c.Verdict == Verdict.NotMeasured);
    }

    [Fact]
    public void Validate_UnknownMethod_NamesTheKeyAndTheChoices()
    {
        var path = CliRunner.WriteConfig(CliRunner.TempFolder(), edit: json => Replace(json, """ "shortcut": { "method": "lime" } """));

        var act = () => AuditConfigReader.Load(path);

        act.Should().Throw<AuditConfigException>().WithMessage("*audits.shortcut.method is 'lime'; use \"saliency\", \"occlusion\"*");
    }

    private static AuditRun Run(string model, string audits) =>
        AuditRunner.Run(
            AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder(), model, json => Replace(json, audits).Replace("\"shortcut_mark\": false", "\"shortcut_mark\": true", StringComparison.Ordinal))),
            new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

    private static string Replace(string json, string audits)
    {
        var start = json.IndexOf("\"audits\"", StringComparison.Ordinal);
        return json[..start] + "\"audits\": {" + audits + "}\n}";
    }
}
