using ModelAudit.Auditing;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Gradients;

/// <summary>The <c>gradients</c> section of a config audit: passes on the clean model, fails on the shortcut model.</summary>
public sealed class GradientsAuditStepTests
{
    private const string Audits = """
        "gradients": { "max_images": 6, "min_saliency_mass_inside": 0.5, "min_grad_cam_mass_inside": 0.3 }
        """;

    [Fact]
    public void Run_CleanModel_PassesBothGatesAndShowsThreeFigures()
    {
        var run = AuditRunner.Run(Config("shapes-clean"), new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        run.Checks.Should().HaveCount(2).And.OnlyContain(c => c.Audit == "gradients" && c.Passed);
        var section = run.Sections.Single(s => s.Title == "Gradients");
        section.Metrics["images"].Should().Be(6);
        section.Figures.Should().HaveCount(3);
        section.Figures[0].Image.Width.Should().BeGreaterThan(3 * 128, "image, saliency and Grad-CAM side by side at twice the size");
    }

    [Fact]
    public void Run_ShortcutModel_FailsTheSaliencyGate()
    {
        var run = AuditRunner.Run(Config("shapes-shortcut"), new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        run.Checks.Single(c => c.Name.Contains("saliency", StringComparison.Ordinal)).Passed.Should().BeFalse();
    }

    [Fact]
    public void Validate_GateOutOfRange_NamesTheKey()
    {
        var path = CliRunner.WriteConfig(CliRunner.TempFolder(), edit: json => Replace(json, """
            "gradients": { "min_grad_cam_mass_inside": 1.5 }
            """));

        var act = () => AuditConfigReader.Load(path);

        act.Should().Throw<AuditConfigException>().WithMessage("*audits.gradients.min_grad_cam_mass_inside is 1.5, outside [0, 1]*");
    }

    private static AuditConfig Config(string model) =>
        AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder(), model, json => Replace(json, Audits)));

    private static string Replace(string json, string audits)
    {
        var start = json.IndexOf("\"audits\"", StringComparison.Ordinal);
        return json[..start] + "\"audits\": {" + audits + "}\n}";
    }
}
