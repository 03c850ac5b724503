using ModelAudit.Auditing;
using ModelAudit.Reporting;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>The <c>faithfulness</c> section of a config audit: gated by default against the two controls and the randomised model.</summary>
public sealed class FaithfulnessAuditStepTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_DefaultSection_EveryMethodBeatsTheControlsAndChangesWhenRandomised()
    {
        var run = Run("shapes-clean", """ "faithfulness": { "methods": ["saliency", "grad_cam", "integrated_gradients", "occlusion"] } """);

        var checks = run.Checks.Where(c => c.Audit == "faithfulness").ToArray();
        checks.Should().HaveCount(8, "two default gates for each of four methods");
        checks.Should().OnlyContain(c => c.Passed, string.Join("; ", checks.Select(c => c.Describe())));
        var section = run.Sections.Single(s => s.Title == "Faithfulness");
        section.Tables.Single().Rows.Select(r => r[0]).Should().Equal("random map (control)", "Sobel edges (control)", "saliency", "Grad-CAM", "integrated gradients", "occlusion");
        section.Figures.Should().HaveCount(4);
        output.WriteLine(string.Join(Environment.NewLine, section.Tables.Single().Rows.Select(r => string.Join(" | ", r))));
    }

    [Fact]
    public void Run_ThresholdAboveWhatTheMapsReach_Fails()
    {
        var run = Run("shapes-clean", """ "faithfulness": { "methods": ["saliency"], "max_deletion_auc": 0.05, "max_images": 4 } """);

        run.Checks.Single(c => c.Name == "saliency: mean deletion AUC").Verdict.Should().Be(Verdict.Failed);
    }

    [Fact]
    public void Run_NoImages_ReportsEveryGateAsNotMeasured()
    {
        var run = Run("shapes-clean", """ "faithfulness": { "methods": ["saliency"], "max_images": 0 } """);

        run.Checks.Where(c => c.Audit == "faithfulness").Should().HaveCount(2).And.OnlyContain(c => c.Verdict == Verdict.NotMeasured);
    }

    [Theory]
    [InlineData(""" "faithfulness": { "methods": ["lime"] } """, "*audits.faithfulness.methods names 'lime'; use \"saliency\"*")]
    [InlineData(""" "faithfulness": { "fill": "grey" } """, "*audits.faithfulness.fill is 'grey'; use \"noisy_linear\"*")]
    [InlineData(""" "faithfulness": { "min_pass_rate": 0.5 } """, "*audits.faithfulness.min_pass_rate needs min_insertion_auc*")]
    public void Validate_BadValue_NamesTheKey(string audits, string message)
    {
        var path = CliRunner.WriteConfig(CliRunner.TempFolder(), edit: json => Replace(json, audits));

        var act = () => AuditConfigReader.Load(path);

        act.Should().Throw<AuditConfigException>().WithMessage(message);
    }

    private static AuditRun Run(string model, string audits) =>
        AuditRunner.Run(AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder(), model, json => Replace(json, audits))), new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

    private static string Replace(string json, string audits)
    {
        var start = json.IndexOf("\"audits\"", StringComparison.Ordinal);
        return json[..start] + "\"audits\": {" + audits + "}\n}";
    }
}
