using System.Xml.Linq;

namespace ModelAudit.Reporting;

/// <summary>JUnit XML, one test case per check, for CI test tabs.</summary>
public sealed class JUnitReport : IReportWriter
{
    public string FileName => "junit.xml";

    public string Render(AuditRun run) => ToXml(run);

    public static string ToXml(AuditRun run)
    {
        var suites = run.Checks.GroupBy(c => c.Audit).Select(g => new XElement("testsuite",
            new XAttribute("name", TextEscaping.VisibleControls($"{run.Provenance.ModelName}.{g.Key}")),
            new XAttribute("tests", g.Count()),
            new XAttribute("failures", g.Count(c => c.Blocks)),
            new XAttribute("skipped", g.Count(c => !c.Passed && !c.Blocks)),
            Time(run.Timings.FirstOrDefault(t => t.Stage == g.Key)),
            g.Select(c => new XElement("testcase",
                new XAttribute("classname", TextEscaping.VisibleControls($"{run.Provenance.ModelName}.{c.Audit}")),
                new XAttribute("name", TextEscaping.VisibleControls(c.Name)),
                Outcome(c))))).ToArray();
        var doc = new XDocument(new XElement("testsuites",
            new XAttribute("name", TextEscaping.VisibleControls(run.Title)),
            new XAttribute("tests", run.Checks.Count),
            new XAttribute("failures", run.FailedCount),
            suites));
        return doc.Declaration + doc.ToString() + "\n";
    }

    /// <summary>The audit's wall time in seconds, as CI test tabs show it; none when the run recorded no timings.</summary>
    private static XAttribute? Time(StageTiming? timing) =>
        timing is null ? null : new XAttribute("time", Math.Round(timing.WallTime.TotalSeconds, 3).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Nothing for a pass; a failure for a check that closes the gate; skipped for an allowed inconclusive one.</summary>
    private static XElement? Outcome(CheckResult c)
    {
        if (c.Passed)
        {
            return null;
        }

        var text = TextEscaping.VisibleControls(c.Verdict == Verdict.Failed ? c.Describe() : $"{c.Label}: {c.Describe()}");
        return new XElement(c.Blocks ? "failure" : "skipped", new XAttribute("message", text), text);
    }
}
