using System.Text.Json;
using ModelAudit.Auditing;
using ModelAudit.Cli;
using ModelAudit.Reporting;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.Reporting;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Texture;

/// <summary>
/// The <c>texture</c> section: statistics in an audit, the drift gate that only <c>compare</c> can measure, and the
/// cue-conflict gate, which passes the clean model and fails the texture model on the same textured objects.
/// </summary>
public sealed class TextureAuditTests
{
    private const string Section = """ "texture": { "max_images": 8, "max_drift": 0.5 } """;

    private const string CueConflict = """ "texture": { "max_images": 4, "cue_conflict_pairs": 4, "cue_conflict_steps": 20, "min_shape_bias": 0.5 } """;

    [Fact]
    public void Audit_OneModel_ReportsStatisticsAndTheDriftGateAsNotMeasured()
    {
        var run = AuditRunner.Run(AuditConfigReader.Load(Config(CliRunner.TempFolder())), new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        var check = run.Checks.Single(c => c.Audit == "texture");
        check.Verdict.Should().Be(Verdict.NotMeasured);
        check.Details.Should().Contain("modelaudit compare");
        var section = run.Sections.Single(s => s.Title == "Texture statistics");
        section.Tables.Single().Rows.Select(r => r[0]).Should().Equal("conv1", "conv2", "conv3");
        section.Figures.Should().HaveCount(3);
        section.Figures[0].Image.Width.Should().BeGreaterThanOrEqualTo(256, "16 channels drawn 16 pixels each");
    }

    [Fact]
    public void Audit_CueConflict_GatesTheShapeBiasWithATableAndAPicture()
    {
        var run = AuditRunner.Run(AuditConfigReader.Load(Config(CliRunner.TempFolder(), CueConflict)), new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        var check = run.Checks.Single(c => c.Audit == "texture");
        check.Name.Should().Be(TextureConfig.ShapeBiasCheck);
        check.Verdict.Should().Be(Verdict.Passed, check.Details);
        check.Details.Should().StartWith("4 pairs: ");
        var section = run.Sections.Single(s => s.Title == "Cue conflict");
        section.Metrics["cue_conflict_pairs"].Should().Be(4);
        section.Tables[0].Columns.Should().StartWith(["pairs", "shape decisions", "texture decisions", "neither", "shape bias"]);
        section.Tables[1].Rows.Should().HaveCount(4);
        var picture = section.Figures.Single().Image;
        (picture.Width, picture.Height).Should().Be((4 + (4 * 132), 4 + (4 * 150)), "four 128-pixel columns and four rows, each with an 18-pixel caption");
    }

    [Theory]
    [InlineData("shapes-clean", Verdict.Passed, 0.75, 1.0)]
    [InlineData("shapes-texture", Verdict.Failed, 0.0, 0.3)]
    public void Audit_CueConflictOnTexturedObjects_FailsTheModelThatReadsTheTexture(string model, Verdict expected, double minBias, double maxBias)
    {
        var config = Config(CliRunner.TempFolder(), CueConflict, model, textured: true);

        var run = AuditRunner.Run(AuditConfigReader.Load(config), new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        // Measured: clean 4 shape, 0 texture (1.00); texture 0 shape, 4 texture (0.00). With 8 pairs: clean 6 shape,
        // 1 texture, 1 neither (0.86); texture 0, 7, 1 (0.00).
        var check = run.Checks.Single(c => c.Audit == "texture");
        check.Verdict.Should().Be(expected, check.Details);
        check.Measured.Should().BeInRange(minBias, maxBias, check.Details);
        run.Provenance.Settings["images"].Should().Contain("textured per class");
    }

    [Fact]
    public void Audit_NoPairs_ReportsTheShapeBiasGateAsNotMeasured()
    {
        const string NoPairs = """ "texture": { "max_images": 4, "min_shape_bias": 0.5 } """;

        var run = AuditRunner.Run(AuditConfigReader.Load(Config(CliRunner.TempFolder(), NoPairs)), new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        var check = run.Checks.Single(c => c.Audit == "texture");
        check.Verdict.Should().Be(Verdict.NotMeasured);
        check.Details.Should().Contain("cue_conflict_pairs is 0");
        run.Sections.Single(s => s.Title == "Cue conflict").Summary.Should().StartWith("Not measured");
    }

    [Theory]
    [InlineData("shapes-clean", ExitCodes.Success)]
    [InlineData("shapes-defective", ExitCodes.AuditFailed)]
    public void Compare_AgainstTheCleanModel_GatesTheDrift(string candidate, int expected)
    {
        var folder = CliRunner.TempFolder();
        var config = Config(folder);
        var models = Path.GetDirectoryName(JsonDocument.Parse(File.ReadAllText(config)).RootElement.GetProperty("model").GetString())!;

        var (exit, output, error) = CliRunner.Run("compare", "--baseline", Path.Combine(models, "shapes-clean.onnx"),
            "--candidate", Path.Combine(models, candidate + ".onnx"), "--config", config, "--out", Path.Combine(folder, "cmp"));

        exit.Should().Be(expected, output + error);
        output.Should().Contain("texture: texture drift from the baseline model (largest over the layers): measured");
        File.ReadAllText(Path.Combine(folder, "cmp", "report.html")).Should().Contain("Texture drift");
    }

    [Fact]
    public void Apply_TheComparedRunsModels_LoadsNoModelFile()
    {
        var config = AuditConfigReader.Load(Config(CliRunner.TempFolder())) with { Model = "no-such-model.onnx" };

        var run = TextureComparison.Apply(config, ShapesFixtures.Clean, ShapesFixtures.Defective, SampleRuns.WithHostileNames());

        var check = run.Checks.Single(c => c.Audit == "texture");
        check.Name.Should().Be(TextureConfig.DriftCheck);
        check.Verdict.Should().Be(Verdict.Failed, check.Details);
        run.Sections[^1].Title.Should().Be("Texture drift");
        run.Sections[^1].Tables.Single().Rows.Select(r => r[0]).Should().Equal("conv1", "conv2", "conv3");
    }

    private static string Config(string folder, string section = Section, string model = "shapes-clean", bool textured = false) => CliRunner.WriteConfig(folder, model, json =>
    {
        var start = json.IndexOf("\"audits\"", StringComparison.Ordinal);
        json = json[..start] + "\"audits\": {" + section + "}\n}";
        return textured ? json.Replace("\"shortcut_mark\": false", "\"shortcut_mark\": false, \"object_fill\": \"per_class_texture\"", StringComparison.Ordinal) : json;
    });
}
