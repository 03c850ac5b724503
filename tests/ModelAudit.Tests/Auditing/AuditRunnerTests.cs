using ModelAudit.Auditing;
using ModelAudit.Reporting;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Auditing;

public sealed class AuditRunnerTests
{
    [Fact]
    public void Run_SameConfigTwice_GivesIdenticalReports()
    {
        var config = AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder()));
        var options = new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch };

        var first = AuditRunner.Run(config, options);
        var second = AuditRunner.Run(config, options);

        JsonReport.ToJson(second).Should().Be(JsonReport.ToJson(first));
        HtmlReport.ToHtml(second).Should().Be(HtmlReport.ToHtml(first), "pictures are encoded to the same PNG bytes");
    }

    [Fact]
    public void Parse_ConfigWithComments_ReadsTheExampleAuditFile()
    {
        var config = AuditConfigReader.Load(TestSupport.Repo.Path("audits", "configs", "shapes.audit.json"));

        config.Audits.Occlusion!.MinMassInside.Should().Be(0.5);
        config.Classes.Should().Equal("circle", "square", "triangle", "cross");
        File.Exists(config.Resolve(config.Model)).Should().BeTrue();
    }

    [Fact]
    public void Parse_MissingRequiredKey_NamesIt()
    {
        var act = () => AuditConfigReader.Parse("""{ "model": "m.onnx", "images": { "folder": "x" } }""", "audit.json");

        act.Should().Throw<AuditConfigException>().WithMessage("'audit.json'*missing required*input*");
    }
}
