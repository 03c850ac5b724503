using System.Text.RegularExpressions;
using ModelAudit.Cli;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Cli;

/// <summary>
/// The exit-code contract, case by case: each way a team's config or command line can go wrong exits 2 with a one-line
/// cause naming the key, file or value — never a stack trace — and a gate that measured nothing never exits 0.
/// </summary>
public sealed partial class ExitCodeTableTests
{
    /// <summary>Case → an edit of the quick test config (<see cref="CliRunner.WriteConfig"/>) → exit code → the start of the cause.</summary>
    public static TheoryData<string, string, string, int, string> ConfigCases => new()
    {
        { "unknown audit", "\"audits\": {", "\"audits\": { \"occlusio\": { \"min_mass_inside\": 0.5 },", ExitCodes.InvalidInput, "unknown key 'occlusio'; the audits are occlusion, filters" },
        { "empty audits", "REPLACE_AUDITS", "{}", ExitCodes.InvalidInput, "nothing to audit: 'audits' names no audit" },
        { "no thresholds", "REPLACE_AUDITS", "{ \"filters\": {} }", ExitCodes.InvalidInput, "nothing to audit: no threshold is set in audits.filters" },
        { "max_images 0", "REPLACE_AUDITS", "{ \"occlusion\": { \"max_images\": 0, \"min_mass_inside\": 1.0 } }", ExitCodes.InvalidInput, "nothing was measured" },
        { "max_images negative", "REPLACE_AUDITS", "{ \"occlusion\": { \"max_images\": -5, \"min_mass_inside\": 1.0 } }", ExitCodes.InvalidInput, "audits.occlusion.max_images is -5, outside [0, 100000]" },
        { "std 0", "\"std\": [0.5]", "\"std\": [0]", ExitCodes.InvalidInput, "input.std contains 0; every value must be a finite positive number" },
        { "mean of the wrong length", "\"mean\": [0.5]", "\"mean\": [0.5, 0.5]", ExitCodes.InvalidInput, "input.mean has 2 values; give 1 (for every channel) or 3" },
        { "height 0", "\"height\": 64", "\"height\": 0", ExitCodes.InvalidInput, "input.height is 0, outside [1, 16384]" },
        { "window larger than the input", "\"window\": 8", "\"window\": 80", ExitCodes.InvalidInput, "audits.occlusion.window is 80, larger than the 64×64 input" },
        { "layers empty", "\"layers\": [\"relu1\"]", "\"layers\": []", ExitCodes.InvalidInput, "audits.activations.layers is empty" },
        { "duplicate key", "\"stride\": 8,", "\"stride\": 8, \"stride\": 4,", ExitCodes.InvalidInput, "key 'stride' is given twice" },
        { "classes of the wrong length", "\"classes\": [\"circle\", \"square\", \"triangle\", \"cross\"]", "\"classes\": [\"circle\"]", ExitCodes.InvalidInput, "'classes' names 1 classes, but 'shapes-clean.onnx' scores 4" },
        { "pass rate without its threshold", "\"min_mass_inside\": 0.5", "\"min_pass_rate\": 0.9", ExitCodes.InvalidInput, "audits.occlusion.min_pass_rate needs min_mass_inside" },
    };

    [Theory]
    [MemberData(nameof(ConfigCases))]
    public void Audit_ConfigCase_ExitsWithItsCodeAndNamedCause(string name, string find, string replace, int exit, string cause)
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder, edit: json => find == "REPLACE_AUDITS"
            ? json[..json.IndexOf("\"audits\"", StringComparison.Ordinal)] + "\"audits\": " + replace + "\n}"
            : json.Replace(find, replace, StringComparison.Ordinal));

        var result = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        result.Exit.Should().Be(exit, $"case '{name}': {result.Output}{result.Error}");
        (result.Error + result.Output).Should().Contain(cause, $"case '{name}'");
        (result.Error + result.Output).Should().NotMatchRegex(@"\n\s+at [A-Z]", "no stack trace without --verbose");
    }

    [Fact]
    public void Audit_LabelPastTheLastClass_IsANamedInputError()
    {
        var images = CliRunner.TempFolder();
        ImageCodec.SavePng(RgbImage.Filled(64, 64, new Rgb(90, 120, 200)), Path.Combine(images, "a.png"));
        File.WriteAllLines(Path.Combine(images, "labels.csv"), ["file,label", "a.png,7"]);
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder, edit: json => Regex.Replace(json, "\"images\": \\{.*?\\} \\},", $"\"images\": {{ \"folder\": \"{images}\" }},"));

        var (exit, _, error) = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain($"image 'a' in '{Path.Combine(images, "labels.csv")}' has label 7, but 'shapes-clean.onnx' scores classes 0..3");
    }

    [Theory]
    [InlineData("--threads", "0", "--threads is 0; give 1 or more")]
    [InlineData("--shard", "0/2", "--shard '0/2' is not k/n")]
    [InlineData("--no-such-option", "x", "Unrecognized command or argument '--no-such-option'")]
    public void Audit_BadCommandLine_ExitsTwoNamingTheValue(string option, string value, string cause)
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder);

        var (exit, _, error) = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"), option, value);

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain(cause);
    }

    [Fact]
    public void Audit_OutIsAFile_ExitsTwoNamingTheFolder()
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder);
        var file = Path.Combine(folder, "not-a-folder");
        File.WriteAllText(file, "x");

        var (exit, _, error) = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(file, "out"));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain($"Cannot write reports to '{Path.Combine(file, "out")}'");
    }

    [Fact]
    public void Audit_FailedRun_LeavesNoReportOfAnEarlierRun()
    {
        var folder = CliRunner.TempFolder();
        var output = Path.Combine(folder, "out");
        CliRunner.Run("audit", "--config", CliRunner.WriteConfig(folder), "--out", output).Exit.Should().Be(ExitCodes.Success);
        Directory.GetFiles(output).Should().HaveCount(4);

        var broken = CliRunner.WriteConfig(folder, edit: json => json.Replace("\"classes\": [\"circle\", \"square\", \"triangle\", \"cross\"]", "\"classes\": [\"circle\"]", StringComparison.Ordinal));
        var (exit, _, _) = CliRunner.Run("audit", "--config", broken, "--out", output);

        exit.Should().Be(ExitCodes.InvalidInput);
        Directory.GetFiles(output).Should().BeEmpty("a run that failed must not leave the earlier run's reports looking like its own");
    }

    [Fact]
    public void Audit_ModelNameWithControlCharacter_WritesEveryReportWithTheNameEscaped()
    {
        var folder = CliRunner.TempFolder();
        var model = Path.Combine(folder, "bell\u0007model.onnx");
        File.Copy(TestSupport.Repo.Path("fixtures", "models", "shapes-clean.onnx"), model);
        var config = CliRunner.WriteConfig(folder, edit: json => json.Replace(TestSupport.Repo.Path("fixtures", "models", "shapes-clean.onnx"), model.Replace("\u0007", "\\u0007", StringComparison.Ordinal), StringComparison.Ordinal));

        var (exit, output, error) = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        exit.Should().Be(ExitCodes.Success, output + error);
        File.ReadAllText(Path.Combine(folder, "out", "junit.xml")).Should().Contain("bell\\u0007model.onnx");
        File.ReadAllText(Path.Combine(folder, "out", "summary.md")).Should().Contain("bell\\u0007model.onnx").And.NotContain("\u0007");
    }
}
