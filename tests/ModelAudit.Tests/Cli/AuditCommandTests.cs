using System.Text.Json;
using ModelAudit.Cli;

namespace ModelAudit.Tests.Cli;

public sealed class AuditCommandTests
{
    [Fact]
    public void Audit_CleanModel_PassesAndWritesEveryReport()
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder);

        var (exit, output, _) = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        exit.Should().Be(ExitCodes.Success, output);
        output.Should().MatchRegex("all [0-9]+ checks passed");
        Directory.GetFiles(Path.Combine(folder, "out")).Select(Path.GetFileName).Should().BeEquivalentTo("report.html", "report.json", "junit.xml", "summary.md");
    }

    [Fact]
    public void Audit_WithoutATerminal_PrintsEachStagesStartAndEndAndReportsItsTime()
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder);

        var (exit, _, error) = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        exit.Should().Be(ExitCodes.Success, error);
        error.Should().MatchRegex(@"\[ *[0-9]+\.[0-9]s\] load: started")
            .And.MatchRegex(@"\[ *[0-9]+\.[0-9]s\] occlusion: started")
            .And.MatchRegex(@"occlusion: 390/390 windows, done in [0-9.]+ s, 390 forward passes", "6 images of 64 windows (8 × 8 at stride 8) and the clean image, one forward pass each")
            .And.MatchRegex(@"embeddings: 48/48 images, done in [0-9.]+ s, 48 forward passes");
        var timings = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "out", "report.json"))).RootElement.GetProperty("timings").EnumerateArray()
            .ToDictionary(t => t.GetProperty("stage").GetString()!, t => t.GetProperty("forward_passes").GetInt64());
        timings.Keys.Should().Equal("load", "occlusion", "filters", "activations", "invariance", "embeddings", "total");
        timings["occlusion"].Should().Be(390);
        File.ReadAllText(Path.Combine(folder, "out", "report.html")).Should().Contain("<h2>Run time</h2>");
    }

    [Fact]
    public void Audit_ShortcutModel_ClosesTheGateOnOcclusion()
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder, "shapes-shortcut");

        var (exit, output, _) = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        exit.Should().Be(ExitCodes.AuditFailed);
        output.Should().MatchRegex(@"FAIL  occlusion: mean share of occlusion drop mass inside the object box: measured (0\.0[0-9]+|[0-9.]+e-[0-9]), required at least 0.5");
        var junit = File.ReadAllText(Path.Combine(folder, "out", "junit.xml"));
        junit.Should().Contain("<failure message=\"mean share of occlusion drop mass inside the object box: measured");
    }

    [Fact]
    public void AuditShardsThenMerge_GiveTheSameChecksAsOneRun()
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder);

        CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "full")).Exit.Should().Be(0);
        CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "s2"), "--shard", "2/2").Exit.Should().Be(0);
        CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "s1"), "--shard", "1/2").Exit.Should().Be(0);
        var (exit, output, _) = CliRunner.Run("merge", "--config", config, "--out", Path.Combine(folder, "merged"), Path.Combine(folder, "s2"), Path.Combine(folder, "s1"));

        exit.Should().Be(0, output);
        Checks(Path.Combine(folder, "merged")).Should().Equal(Checks(Path.Combine(folder, "full")));
    }

    [Fact]
    public void Merge_IncompleteSplit_SaysWhichShardsAreMissing()
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder);
        CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "s1"), "--shard", "1/3");

        var (exit, _, error) = CliRunner.Run("merge", "--config", config, Path.Combine(folder, "s1"));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("got 1/3; expected 1/3 to 3/3, each once");
    }

    [Fact]
    public void Compare_DefectiveAgainstClean_ReportsTheFlippedChecks()
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder);
        var models = Path.GetDirectoryName(JsonDocument.Parse(File.ReadAllText(config)).RootElement.GetProperty("model").GetString())!;

        var (exit, output, _) = CliRunner.Run("compare", "--baseline", Path.Combine(models, "shapes-clean.onnx"),
            "--candidate", Path.Combine(models, "shapes-defective.onnx"), "--config", config, "--out", Path.Combine(folder, "cmp"));

        exit.Should().Be(ExitCodes.AuditFailed);
        output.Should().Contain("FAIL  filters: dead filters in conv1: measured 2, required at most 0 (#3, #9)");
        output.Should().Contain("FAIL  filters: noisy filters in conv1: measured 2, required at most 0 (#5, #12)");
        File.ReadAllText(Path.Combine(folder, "cmp", "report.html")).Should().Contain("filters: dead filters in conv1 now FAILS");
        var summary = File.ReadAllText(Path.Combine(folder, "cmp", "summary.md"));
        summary.Should().Contain("| baseline | candidate | Δ |").And.Contain("| dead filters in conv1 | 0 (pass) | 2 | +2 |");
        summary.Should().Contain("| #3 | smooth | dead |").And.Contain("| #5 | smooth | noisy |", "the filters that died and got noisy are named")
            .And.Contain("| #9 | alive | dead |", "so is the channel that died with its filter");
        File.Exists(Path.Combine(folder, "cmp", "baseline", "report.html")).Should().BeTrue();
    }

    private static string[] Checks(string folder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}={c.GetProperty("measured").GetDouble():R}").ToArray();
}
