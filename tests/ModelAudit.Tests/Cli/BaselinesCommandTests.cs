using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelAudit.Baselines;
using ModelAudit.Cli;
using ModelAudit.Cli.Commands;
using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Tests.Cli;

public sealed class BaselinesCommandTests
{
    private static readonly Snapshot Snapshot = Snapshot.Of(new Dictionary<string, double> { ["x"] = 1 }, ("map", RgbImage.Filled(4, 4, Rgb.Gray(9))));

    [Theory]
    [InlineData("accept", "")]
    [InlineData("accept", "  ")]
    [InlineData("discard", "")]
    public void Baselines_EmptyPattern_DoesNothingAndSaysHowToMeanAll(string verb, string pattern)
    {
        var root = CliRunner.TempFolder();
        Baseline.Check(Snapshot, SnapshotName.Parse("Cli.Pending"), new BaselineSettings { Root = root, Accept = false });

        var (exit, _, error) = CliRunner.Run("baselines", verb, pattern, "--root", root);

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("The pattern is empty, so nothing was done").And.Contain($"`modelaudit baselines {verb} '*'` for every baseline");
        new BaselineStore(root).List().Should().ContainSingle().Which.Status.Should().Be(BaselineStatus.New);
    }

    [Fact]
    public void Baselines_AcceptStar_AcceptsEverything()
    {
        var root = CliRunner.TempFolder();
        Baseline.Check(Snapshot, SnapshotName.Parse("Cli.One"), new BaselineSettings { Root = root, Accept = false });
        Baseline.Check(Snapshot, SnapshotName.Parse("Cli.Two"), new BaselineSettings { Root = root, Accept = false });

        var (exit, output, _) = CliRunner.Run("baselines", "accept", "*", "--root", root);

        exit.Should().Be(ExitCodes.Success);
        output.Should().Contain("accepted: 2 baseline(s)");
    }

    [Theory]
    [InlineData("Cli.Plain")]
    [InlineData("Cli.It's_$HOME_`id`_!1_a=b c")]
    public void FailureMessage_SuggestedAcceptCommand_WorksInAPosixShellAsWritten(string baseline)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "needs a POSIX shell");
        var root = CliRunner.TempFolder();
        var result = Baseline.Check(Snapshot, SnapshotName.Parse(baseline), new BaselineSettings { Root = root, Accept = false });

        var command = Regex.Match(result.Message, "(modelaudit baselines accept .*)`, or re-run").Groups[1].Value;
        var words = PosixShellWords(command);

        words.Should().Equal("modelaudit", "baselines", "accept", "--root", root, baseline);
        var (exit, output, _) = CliRunner.Run([.. words.Skip(1)]);
        exit.Should().Be(ExitCodes.Success);
        output.Should().Contain("accepted: 1 baseline(s)");
    }

    [Fact]
    public void RootOf_NoOption_WalksUpFromTheCurrentDirectoryNotTheToolsFolder()
    {
        var project = CliRunner.TempFolder();
        File.WriteAllText(Path.Combine(project, "modelaudit.json"), "{}");
        var below = Directory.CreateDirectory(Path.Combine(project, "models")).FullName;

        BaselinesCommand.RootOf(null, _ => null, below).Should().Be(Path.Combine(project, "baselines"));
    }

    [Fact]
    public void RootOf_OptionThenEnvironment_WinOverTheWalk()
    {
        var project = CliRunner.TempFolder();
        File.WriteAllText(Path.Combine(project, "modelaudit.json"), "{}");
        Func<string, string?> env = n => n == "MODELAUDIT_BASELINES" ? "/tmp/from-env" : null;

        BaselinesCommand.RootOf(new DirectoryInfo("/tmp/from-option"), env, project).Should().Be("/tmp/from-option");
        BaselinesCommand.RootOf(null, env, project).Should().Be("/tmp/from-env");
        BaselinesCommand.RootOf(null, _ => " ", project).Should().Be(Path.Combine(project, "baselines"));
    }

    /// <summary>How /bin/sh splits <paramref name="command"/> into words, expansions and all.</summary>
    private static List<string> PosixShellWords(string command)
    {
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", $"set -- {command}; printf '%s\\0' \"$@\""])
        {
            RedirectStandardOutput = true,
        })!;
        var output = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        shell.ExitCode.Should().Be(0);
        return output.Split('\0', StringSplitOptions.None)[..^1].ToList();
    }
}
