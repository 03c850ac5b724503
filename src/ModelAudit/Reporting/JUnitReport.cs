using System.Globalization;
using System.Xml.Linq;

namespace ModelAudit.Reporting;

/// <summary>JUnit XML, one test case per check, for CI test tabs.</summary>
public sealed class JUnitReport : IReportWriter
{
    public string FileName => "junit.xml";

    public void Write(AuditRun run, string folder) => AtomicFile.WriteText(Path.Combine(folder, FileName), ToXml(run));

    public static string ToXml(AuditRun run)
    {
        var suites = run.Checks.GroupBy(c => c.Audit).Select(g => new XElement("testsuite",
            new XAttribute("name", $"{run.Provenance.ModelName}.{g.Key}"),
            new XAttribute("tests", g.Count()),
            new XAttribute("failures", g.Count(c => !c.Passed)),
            g.Select(c => new XElement("testcase",
                new XAttribute("classname", $"{run.Provenance.ModelName}.{c.Audit}"),
                new XAttribute("name", c.Name),
                c.Passed ? null : new XElement("failure", new XAttribute("message", Describe(c)), Describe(c)))))).ToArray();
        var doc = new XDocument(new XElement("testsuites",
            new XAttribute("name", run.Title),
            new XAttribute("tests", run.Checks.Count),
            new XAttribute("failures", run.FailedCount),
            suites));
        return doc.Declaration + doc.ToString() + "\n";
    }

    internal static string Describe(CheckResult c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Name}: measured {AuditRun.Format(c.Measured)}, required {(c.Comparison == Comparison.AtLeast ? "at least" : "at most")} {AuditRun.Format(c.Threshold)}{(c.Details.Length > 0 ? $" ({c.Details})" : "")}");
}
