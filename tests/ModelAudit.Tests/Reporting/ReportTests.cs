using ModelAudit.Reporting;

namespace ModelAudit.Tests.Reporting;

public sealed class ReportTests
{
    [Fact]
    public void ToHtml_UserText_IsEscapedEverywhere()
    {
        var html = HtmlReport.ToHtml(SampleRuns.WithHostileNames());

        html.Should().NotContain("<script>").And.NotContain("<b>").And.NotContain("<dead>").And.NotContain("model<&>");
        html.Should().Contain("&lt;script&gt;").And.Contain("model&lt;&amp;&gt;.onnx").And.Contain("cat &quot;&amp;&quot; dog");
    }

    [Fact]
    public void ToHtml_IsSelfContained_WithSummaryTableAndEmbeddedPictures()
    {
        var html = HtmlReport.ToHtml(SampleRuns.WithHostileNames());

        html.Should().Contain("<table id=\"summary\">").And.Contain("data:image/png;base64,").And.Contain("1 of 2 checks failed");
        html.Should().NotContain("src=\"http").And.NotContain("<link");
    }

    [Fact]
    public void ToHtml_Pictures_KeepTheirAspectWhenTheyShrinkToTheScreen()
    {
        var html = HtmlReport.ToHtml(SampleRuns.WithHostileNames());

        html.Should().Contain("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Should().MatchRegex(@"img\{[^}]*max-width:100%;height:auto", "a picture narrower than its width attribute must shrink in both directions");
        html.Should().Contain("width=\"8\" height=\"6\"", "the attributes give the aspect before the picture loads");
    }

    [Fact]
    public void ToHtml_Timings_AreListedWithForwardPassesAndKeptOutOfTheMetrics()
    {
        var run = SampleRuns.WithHostileNames() with { Timings = [new StageTiming("occlusion", TimeSpan.FromSeconds(3.2), 390, 0), new StageTiming("total", TimeSpan.FromSeconds(4), 400, 0)] };

        var html = HtmlReport.ToHtml(run);
        var json = System.Text.Json.JsonDocument.Parse(JsonReport.ToJson(run)).RootElement;

        html.Should().Contain("<h2>Run time</h2>").And.Contain("<td>occlusion</td><td class=\"num\">3.2</td><td class=\"num\">390</td>");
        json.GetProperty("timings")[0].GetProperty("wall_seconds").GetDouble().Should().Be(3.2);
        json.GetProperty("sections")[0].GetProperty("metrics").EnumerateObject().Select(m => m.Name).Should().Equal("a", "z");
        System.Xml.Linq.XDocument.Parse(JUnitReport.ToXml(run)).Descendants("testsuite").Single(s => s.Attribute("name")!.Value.EndsWith(".occlusion", StringComparison.Ordinal))
            .Attribute("time")!.Value.Should().Be("3.2");
    }

    [Fact]
    public void ToJson_SameRun_GivesSameBytesWithSortedKeys()
    {
        var a = JsonReport.ToJson(SampleRuns.WithHostileNames());
        var b = JsonReport.ToJson(SampleRuns.WithHostileNames());

        a.Should().Be(b);
        a.IndexOf("\"a\": 0.5", StringComparison.Ordinal).Should().BeLessThan(a.IndexOf("\"z\": 1", StringComparison.Ordinal));
        System.Text.Json.JsonDocument.Parse(a).RootElement.GetProperty("passed").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void ToXml_OneTestCasePerCheck_WithFailureMessageCarryingNumbers()
    {
        var xml = System.Xml.Linq.XDocument.Parse(JUnitReport.ToXml(SampleRuns.WithHostileNames()));

        xml.Descendants("testcase").Should().HaveCount(2);
        var failure = xml.Descendants("failure").Single();
        failure.Attribute("message")!.Value.Should().Be("dead filters: measured 2, required at most 0 (filters 3, 9 <dead>)");
        xml.Root!.Attribute("failures")!.Value.Should().Be("1");
    }

    [Fact]
    public void ToMarkdown_ListsEveryCheckWithItsVerdict()
    {
        var md = MarkdownReport.ToMarkdown(SampleRuns.WithHostileNames());

        md.Should().Contain("did not pass: 1 of 2 checks failed").And.Contain("| ✅ | pass | occlusion | mass inside box | 0.72 | ≥ 0.6 |").And.Contain("| ❌ | FAIL | filters | dead filters | 2 | ≤ 0 |");
    }

    [Fact]
    public void WriteAll_WritesFourFiles()
    {
        var folder = Directory.CreateTempSubdirectory("modelaudit-report-").FullName;

        var written = Reports.WriteAll(SampleRuns.WithHostileNames(), folder);

        written.Select(Path.GetFileName).Should().BeEquivalentTo("report.html", "report.json", "junit.xml", "summary.md");
        written.Should().OnlyContain(f => new FileInfo(f).Length > 0);
    }
}
