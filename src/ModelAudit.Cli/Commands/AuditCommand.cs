using System.CommandLine;
using ModelAudit.Auditing;
using ModelAudit.Cli.Progress;
using ModelAudit.Reporting;

namespace ModelAudit.Cli.Commands;

/// <summary><c>modelaudit audit --config audit.json --out DIR</c>: the release gate. Exit 1 when a check fails.</summary>
internal static class AuditCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo>("--config") { Description = "The audit file (JSON): model, input spec, images, audits and thresholds.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for report.html, report.json, junit.xml and summary.md.", DefaultValueFactory = _ => new DirectoryInfo("audit-report") };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads; the default is this machine's core count.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string?>("--shard") { Description = "Run one slice of the images, k/n (e.g. 2/4); combine slices with 'merge'." };
        var command = new Command("audit", "Run the audits an audit file asks for, write the reports (with each stage's wall time and forward passes), and exit 1 when any check fails. " +
            "With --shard, measure one slice and write shard.json for 'merge' (exit 0).") { config, outDir, threads, shard };
        command.SetAction(parse =>
        {
            var options = new AuditRunOptions
            {
                Threads = Threads(parse.GetValue(threads)),
                Shard = ParseShard(parse.GetValue(shard)),
            };
            var audit = AuditConfigReader.Load(parse.GetValue(config)!.FullName);
            var folder = parse.GetValue(outDir)!.FullName;
            Reports.Clear(folder, ShardResult.FileName);
            if (options.Shard.Count > 1)
            {
                // A shard measures its slice only; the gates need every slice, so 'merge' applies them.
                RunProgress.Run(error, "", progress =>
                {
                    AuditRunner.RunShard(audit, folder, options with { Progress = progress });
                    return folder;
                });
                output.WriteLine($"shard {options.Shard.Index}/{options.Shard.Count} measured: {Path.Combine(folder, "shard.json")}; combine the shards with 'modelaudit merge'.");
                return ExitCodes.Success;
            }

            return Finish(RunProgress.Run(error, "", progress => AuditRunner.Run(audit, options with { Progress = progress })), folder, output);
        });
        return command;
    }

    /// <summary>Writes the reports, prints every check with its verdict, and returns the exit code of the run.</summary>
    internal static int Finish(AuditRun run, string folder, TextWriter output)
    {
        Reports.WriteAll(run, folder);
        foreach (var check in run.Checks)
        {
            output.WriteLine($"{check.Label}  {check.Audit}: {check.Describe()}");
        }

        var report = Path.Combine(folder, "report.html");
        if (run.MeasuredNothing)
        {
            output.WriteLine($"{run.Title}: nothing was measured (no configured check could be measured; the reasons are above) — report: {report}");
            return ExitCodes.InvalidInput;
        }

        output.WriteLine($"{run.Title}: {run.Summary} — report: {report}");
        return run.Passed ? ExitCodes.Success : ExitCodes.AuditFailed;
    }

    /// <summary>ONNX Runtime thread count from <c>--threads</c>: at least 1.</summary>
    internal static int Threads(int value) => value >= 1
        ? value
        : throw new AuditConfigException($"--threads is {value}; give 1 or more (default: all {Environment.ProcessorCount} cores).");

    internal static (int Index, int Count) ParseShard(string? text)
    {
        if (text is null)
        {
            return (1, 1);
        }

        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out var k) && int.TryParse(parts[1], out var n) && n >= 1 && k >= 1 && k <= n
            ? (k, n)
            : throw new AuditConfigException($"--shard '{text}' is not k/n with 1 ≤ k ≤ n (for example 2/4).");
    }
}
