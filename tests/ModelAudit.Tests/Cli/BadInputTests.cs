using ModelAudit.Cli;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Cli;

public sealed class BadInputTests
{
    private static (int Exit, string Error) Audit(Func<string, string> edit)
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder, edit: edit);
        var (exit, _, error) = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));
        return (exit, error);
    }

    [Fact]
    public void Audit_UnknownKey_NamesTheKeyAndLine()
    {
        var (exit, error) = Audit(json => json.Replace("\"stride\": 8", "\"strid\": 8", StringComparison.Ordinal));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().MatchRegex(@"line 7 at \$\.audits\.occlusion.*unknown key 'strid'");
    }

    [Fact]
    public void Audit_MissingModel_SaysWhereItLooked()
    {
        var (exit, error) = Audit(json => json.Replace("shapes-clean.onnx", "shapes-gone.onnx", StringComparison.Ordinal));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("model '").And.Contain("shapes-gone.onnx' does not exist");
    }

    [Fact]
    public void Audit_ThresholdOutOfRange_NamesTheKeyAndRange()
    {
        var (exit, error) = Audit(json => json.Replace("\"min_mass_inside\": 0.5", "\"min_mass_inside\": 50", StringComparison.Ordinal));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("audits.occlusion.min_mass_inside is 50, outside [0, 1]");
    }

    [Fact]
    public void Audit_MissingConfig_IsAnInputError()
    {
        var (exit, _, error) = CliRunner.Run("audit", "--config", "/no/such/audit.json");

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("'/no/such/audit.json' does not exist");
    }

    [Fact]
    public void Audit_ImageFolderWithUnreadableFile_NamesTheLineAndFile()
    {
        var images = LabeledFolder(("a.png", 0), ("b.png", 1));
        File.WriteAllText(Path.Combine(images, "b.png"), "not a png");

        var (exit, error) = Audit(json => FolderImages(json, images));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("labels.csv' line 3").And.Contain("b.png' is not a readable PNG or JPEG");
    }

    [Fact]
    public void Audit_LabelsNamingMissingImage_NamesTheLine()
    {
        var images = LabeledFolder(("a.png", 0), ("c.png", 2));
        File.Delete(Path.Combine(images, "c.png"));

        var (exit, error) = Audit(json => FolderImages(json, images));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("labels.csv' line 3: image 'c.png' does not exist");
    }

    [Fact]
    public void Audit_ImageDeclaringHugeSize_IsAnInputErrorNamingTheLimit()
    {
        var images = LabeledFolder(("a.png", 0), ("b.png", 1));
        File.WriteAllBytes(Path.Combine(images, "b.png"), CraftedImages.Png(40000, 40000));

        var (exit, error) = Audit(json => FolderImages(json, images));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("labels.csv' line 3").And.Contain("b.png' declares 40000x40000 pixels (1600 megapixels), more than the limit of 64 megapixels");
    }

    [Fact]
    public void Audit_LabelsNamingImageOutsideTheFolder_IsAnInputError()
    {
        var images = LabeledFolder(("a.png", 0));
        File.AppendAllLines(Path.Combine(images, "labels.csv"), ["../a.png,1"]);

        var (exit, error) = Audit(json => FolderImages(json, images));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("labels.csv' line 3: image '../a.png' leads outside the folder");
    }

    [Fact]
    public void Audit_BadShard_IsAnInputError()
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder);

        var (exit, _, error) = CliRunner.Run("audit", "--config", config, "--shard", "3/2");

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("--shard '3/2' is not k/n");
    }

    private static string LabeledFolder(params (string File, int Label)[] rows)
    {
        var folder = CliRunner.TempFolder();
        foreach (var (file, _) in rows)
        {
            ImageCodec.SavePng(RgbImage.Filled(64, 64, new Rgb(90, 120, 200)), Path.Combine(folder, file));
        }

        File.WriteAllLines(Path.Combine(folder, "labels.csv"), ["file,label", .. rows.Select(r => $"{r.File},{r.Label}")]);
        return folder;
    }

    private static string FolderImages(string json, string folder) =>
        json.Replace("\"generate\": { \"seed\": 1000, \"count\": 48, \"shortcut_mark\": false }", $"\"folder\": \"{folder}\"", StringComparison.Ordinal);
}
