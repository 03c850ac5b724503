using ModelAudit.Auditing;
using ModelAudit.Occlusion;
using ModelAudit.Reporting;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Auditing;

public sealed class AuditRunnerTests
{
    [Fact]
    public void Run_SameConfigTwice_GivesIdenticalReports()
    {
        var config = AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder()));
        var options = new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch, Clock = new StoppedClock() };

        var first = AuditRunner.Run(config, options);
        var second = AuditRunner.Run(config, options);

        JsonReport.ToJson(second).Should().Be(JsonReport.ToJson(first));
        HtmlReport.ToHtml(second).Should().Be(HtmlReport.ToHtml(first), "pictures are encoded to the same PNG bytes");
    }

    [Fact]
    public void Run_Timings_NameEveryStageWithItsPassesAndStayOutOfTheMetrics()
    {
        var config = AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder()));

        var run = AuditRunner.Run(config, new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        run.Timings.Select(t => t.Stage).Should().Equal("load", "occlusion", "filters", "activations", "invariance", "embeddings", "total");
        run.Timings.Single(t => t.Stage == "filters").ForwardPasses.Should().Be(0, "filters are read from the weights");
        run.Timings.Single(t => t.Stage == "embeddings").ForwardPasses.Should().Be(48);
        run.Timings[^1].ForwardPasses.Should().Be(run.Timings.SkipLast(1).Sum(t => t.ForwardPasses));
        run.Timings[^1].WallTime.Should().BePositive();
        run.Sections.SelectMany(s => s.Metrics.Keys).Should().NotContain(k => k.Contains("time", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Run_IncrementalOcclusion_GivesTheSameOcclusionChecks()
    {
        var folder = CliRunner.TempFolder();
        var options = new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch };
        var full = AuditRunner.Run(AuditConfigReader.Load(CliRunner.WriteConfig(folder)), options);
        var incremental = AuditRunner.Run(AuditConfigReader.Load(CliRunner.WriteConfig(folder, edit: json => json.Replace("\"max_images\": 6,", "\"max_images\": 6, \"incremental\": true,", StringComparison.Ordinal))), options);

        new OcclusionSensitivity(TestSupport.ShapesFixtures.Clean).PlanFor(new OcclusionOptions { Window = 8, Stride = 8, Mode = OcclusionMode.Incremental })
            .Should().NotBeNull("the run must take the incremental path for the comparison to mean anything");
        var expected = full.Checks.Where(c => c.Audit == "occlusion").ToArray();
        var actual = incremental.Checks.Where(c => c.Audit == "occlusion").ToArray();
        expected.Should().NotBeEmpty();
        actual.Select(c => c.Name).Should().Equal(expected.Select(c => c.Name));
        for (var i = 0; i < expected.Length; i++)
        {
            actual[i].Measured.Should().BeApproximately(expected[i].Measured, 1e-4, expected[i].Name);
        }
    }

    [Fact]
    public void Parse_ConfigWithComments_ReadsTheExampleAuditFile()
    {
        var config = AuditConfigReader.Load(TestSupport.Repo.Path("audits", "configs", "shapes.audit.json"));

        config.Audits.Get<OcclusionConfig>()!.MinMassInside.Should().Be(0.5);
        config.Classes.Should().Equal("circle", "square", "triangle", "cross");
        File.Exists(config.Resolve(config.Model)).Should().BeTrue();
    }

    [Fact]
    public void Parse_MissingRequiredKey_NamesIt()
    {
        var act = () => AuditConfigReader.Parse("""{ "model": "m.onnx", "images": { "folder": "x" } }""", "audit.json");

        act.Should().Throw<AuditConfigException>().WithMessage("'audit.json'*missing required*input*");
    }

    /// <summary>A clock that never moves: every stage takes no time, so two runs' reports are the same bytes.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        public override long GetTimestamp() => 0;
    }
}
