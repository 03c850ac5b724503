using System.CommandLine;
using ModelAudit.Auditing;
using ModelAudit.Cli.Progress;

namespace ModelAudit.Cli.Commands;

/// <summary><c>modelaudit merge --config audit.json SHARD...</c>: combine <c>audit --shard k/n</c> runs into one report and gate.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo>("--config") { Description = "The audit file the shards ran.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the merged report.", DefaultValueFactory = _ => new DirectoryInfo("audit-report") };
        var shards = new Argument<DirectoryInfo[]>("shards") { Description = "The --out folders of the shard runs (each holds shard.json).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge", "Combine the shard results of 'audit --shard k/n' runs into one report; exit 1 when any check fails.") { config, outDir, shards };
        command.SetAction(parse =>
        {
            Reporting.Reports.Clear(parse.GetValue(outDir)!.FullName);
            var audit = AuditConfigReader.Load(parse.GetValue(config)!.FullName);
            var run = RunProgress.Run(error, "", progress => AuditRunner.Merge(audit, parse.GetValue(shards)!.Select(d => d.FullName).ToArray(), new AuditRunOptions { Progress = progress }));
            return AuditCommand.Finish(run, parse.GetValue(outDir)!.FullName, output);
        });
        return command;
    }
}
