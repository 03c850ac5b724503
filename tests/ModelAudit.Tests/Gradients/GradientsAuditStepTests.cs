using ModelAudit.Auditing;
using ModelAudit.Reporting;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.TestSupport;

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

    [Fact]
    public void Run_LrpRefusesTheModel_OnlyLrpsCheckIsNotMeasuredAndSaysWhy()
    {
        // 64×64 RGB → Conv 8×8 stride 8 → an 8×8 map times its own transpose (attention's product) → Gemm 64→4.
        var folder = CliRunner.TempFolder();
        var model = Path.Combine(folder, "attention.onnx");
        var random = new Random(3);
        File.WriteAllBytes(model, new TinyOnnx()
            .Input("image", -1, 3, 64, 64)
            .Weight("k", Enumerable.Range(0, 3 * 64).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), 1, 3, 8, 8)
            .Int64s("shape", 0, 8, 8)
            .Weight("w", Enumerable.Range(0, 4 * 64).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), 4, 64)
            .Node("Conv", ["image", "k"], ["map"], TinyOnnx.Ints("kernel_shape", 8, 8), TinyOnnx.Ints("strides", 8, 8))
            .Node("Reshape", ["map", "shape"], ["rows"])
            .Node("Transpose", ["rows"], ["columns"], TinyOnnx.Ints("perm", 0, 2, 1))
            .Node("MatMul", ["rows", "columns"], ["attention"])
            .Node("Flatten", ["attention"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 4)
            .Build());
        var path = CliRunner.WriteConfig(folder, edit: json => Replace(json, """
            "gradients": { "max_images": 4, "methods": ["lrp"], "min_mass_inside": 0.3, "min_saliency_mass_inside": 0 }
            """).Replace(Repo.Path("fixtures", "models", "shapes-clean.onnx"), model, StringComparison.Ordinal));

        var run = AuditRunner.Run(AuditConfigReader.Load(path), new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        run.Checks.Single(c => c.Name.Contains("saliency", StringComparison.Ordinal)).Verdict.Should().Be(Verdict.Passed);
        var lrp = run.Checks.Single(c => c.Name.Contains("LRP", StringComparison.Ordinal));
        lrp.Verdict.Should().Be(Verdict.NotMeasured);
        lrp.Details.Should().Contain("no LRP map could be made").And.Contain("MatMul node 'attention'");
        run.Sections.Single(s => s.Title == "Gradients").Summary.Should().Contain("MatMul node 'attention'");
    }

    private static AuditConfig Config(string model) =>
        AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder(), model, json => Replace(json, Audits)));

    private static string Replace(string json, string audits)
    {
        var start = json.IndexOf("\"audits\"", StringComparison.Ordinal);
        return json[..start] + "\"audits\": {" + audits + "}\n}";
    }
}
