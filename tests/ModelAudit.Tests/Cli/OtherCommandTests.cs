using ModelAudit.Baselines;
using ModelAudit.Cli;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Snapshots;

namespace ModelAudit.Tests.Cli;

public sealed class OtherCommandTests
{
    [Fact]
    public void Inspect_PaddleOcr_ListsInputsConvLayersAndOpCounts()
    {
        var (exit, output, _) = CliRunner.Run("inspect", KnownModels.PaddleOcrClassifierPath());

        exit.Should().Be(0);
        output.Should().Contain("input    x: float[").And.Contain("dynamic: axis 0")
            .And.Contain("conv layers (53):").And.Contain("[8x3x3x3] stride 2,2 pad 1,1,1,1").And.Contain("depthwise")
            .And.Contain("penultimate reshape2_0.tmp_0").And.MatchRegex(@"Constant\s+250");
    }

    [Fact]
    public void Inspect_NotAModel_IsAnInputError()
    {
        var path = Path.Combine(CliRunner.TempFolder(), "notes.onnx");
        File.WriteAllText(path, "hello");

        var (exit, _, error) = CliRunner.Run("inspect", path);

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("notes.onnx");
    }

    [Fact]
    public void Baselines_ListAndAccept_PromoteReceivedFiles()
    {
        var root = CliRunner.TempFolder();
        var snapshot = Snapshot.Of(new Dictionary<string, double> { ["x"] = 1 }, ("map", RgbImage.Filled(4, 4, Rgb.Gray(9))));
        Baseline.Check(snapshot, SnapshotName.Parse("Cli.Accept"), new BaselineSettings { Root = root, Accept = false }).Passed.Should().BeFalse();

        var list = CliRunner.Run("baselines", "list", "--root", root);
        var accept = CliRunner.Run("baselines", "accept", "Cli.*", "--root", root);

        list.Output.Should().Contain("New       Cli.Accept").And.Contain("1 pending");
        accept.Output.Should().Contain("accepted: 1 baseline(s)");
        Baseline.Check(snapshot, SnapshotName.Parse("Cli.Accept"), new BaselineSettings { Root = root, Accept = false }).Passed.Should().BeTrue();
    }

    [Fact]
    public void Demo_WritesBothReportsAndCatchesTheShortcutModel()
    {
        var folder = CliRunner.TempFolder();
        using var output = new StringWriter();

        var exit = ModelAudit.Cli.Commands.DemoCommand.Run(folder, output, TextWriter.Null, runAt: DateTimeOffset.UnixEpoch);

        exit.Should().Be(ExitCodes.Success, output.ToString());
        output.ToString().Should().Contain("the clean model passed and the shortcut model was caught");
        File.ReadAllText(Path.Combine(folder, "index.html")).Should().Contain("shapes-shortcut").And.Contain("checks failed");
        File.Exists(Path.Combine(folder, "shapes-clean", "report.html")).Should().BeTrue();
        DemoGolden.Fingerprints(folder).Should().Equal(DemoGolden.Expected, "the demo's checks, metrics and pictures are fixed (see DemoGolden)");
    }

    [Fact]
    public void Help_EveryCommand_HasADescription()
    {
        foreach (var command in new[] { "inspect", "init", "audit", "merge", "compare", "baselines", "demo", "shapes" })
        {
            var (exit, output, _) = CliRunner.Run(command, "--help");
            exit.Should().Be(0);
            output.Should().Contain("Description:", "'{0} --help' should describe the command", command);
        }
    }
}
