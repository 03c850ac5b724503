using System.CommandLine;
using System.Net;
using System.Text;
using ModelAudit.Auditing;
using ModelAudit.Cli.Progress;
using ModelAudit.Reporting;

namespace ModelAudit.Cli.Commands;

/// <summary>
/// <c>modelaudit demo</c>: a full audit of the bundled fixture models on generated images — the clean model, which
/// passes, and the shortcut model, whose occlusion gate must fail — written as reports with an index page.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the reports.", DefaultValueFactory = _ => new DirectoryInfo("audit-report") };
        var command = new Command("demo", "Audit the bundled clean and shortcut fixture models and write the reports (exit 0 when the clean model passes and the shortcut model is caught).") { outDir };
        command.SetAction(parse => Run(parse.GetValue(outDir)!.FullName, output, error, runAt: null));
        return command;
    }

    internal static int Run(string folder, TextWriter output, TextWriter error, DateTimeOffset? runAt)
    {
        var options = new AuditRunOptions { RunAt = runAt };
        var runs = new List<(string Name, AuditRun Run)>();
        foreach (var (name, marked) in new[] { ("shapes-clean", false), ("shapes-shortcut", true) })
        {
            output.WriteLine($"auditing {name} ...");
            var run = RunProgress.Run(error, name, progress => AuditRunner.Run(DemoConfigs.For(name, marked), options with { Progress = progress }));
            AuditCommand.Finish(run, Path.Combine(folder, name), output);
            runs.Add((name, run));
        }

        AtomicFile.WriteText(Path.Combine(folder, "index.html"), Index(runs));
        var caught = runs[0].Run.Passed && !runs[1].Run.Passed;
        output.WriteLine(caught
            ? $"demo: the clean model passed and the shortcut model was caught — open {Path.Combine(folder, "index.html")}"
            : $"demo: unexpected outcome (clean passed: {runs[0].Run.Passed}, shortcut passed: {runs[1].Run.Passed})");
        return caught ? ExitCodes.Success : ExitCodes.AuditFailed;
    }

    private static string Index(IReadOnlyList<(string Name, AuditRun Run)> runs)
    {
        var h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>ModelAudit demo</title>");
        h.Append("<style>body{font-family:DejaVu Sans,Segoe UI,Helvetica,Arial,sans-serif;max-width:800px;margin:2em auto;padding:0 1em;color:#222} td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left} table{border-collapse:collapse}</style></head><body>\n");
        h.Append("<h1>ModelAudit demo</h1>\n<p>Two fixture models audited on generated shapes. The shortcut model answers from a corner mark, not the shape: its occlusion gate, which knows where each shape is, must fail, and so must the shortcut scan, which is given no boxes.</p>\n");
        h.Append("<table id=\"runs\"><tr><th>model</th><th>verdict</th><th>report</th></tr>\n");
        foreach (var (name, run) in runs)
        {
            var e = WebUtility.HtmlEncode(name);
            h.Append("<tr><td>").Append(e).Append("</td><td>").Append(run.Passed ? "all checks passed" : $"{run.FailedCount} of {run.Checks.Count} checks failed")
             .Append("</td><td><a href=\"").Append(e).Append("/report.html\">report</a></td></tr>\n");
        }

        return h.Append("</table></body></html>\n").ToString();
    }
}
