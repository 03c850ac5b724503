using System.CommandLine;
using ModelAudit.Auditing;
using ModelAudit.Cli.Progress;
using ModelAudit.Reporting;

namespace ModelAudit.Cli.Commands;

/// <summary><c>modelaudit compare --baseline old.onnx --candidate new.onnx --config audit.json</c>: what changed after retraining.</summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var baseline = new Option<FileInfo>("--baseline") { Description = "The model that is in production now.", Required = true };
        var candidate = new Option<FileInfo>("--candidate") { Description = "The retrained model to compare with it.", Required = true };
        var config = new Option<FileInfo>("--config") { Description = "The audit file; its 'model' is replaced by each of the two models.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for the comparison (report.html, report.json, junit.xml, summary.md) and each model's own reports in baseline/ and candidate/.",
            DefaultValueFactory = _ => new DirectoryInfo("compare-report"),
        };
        var command = new Command("compare",
            "Run the same audits on two models and report every check and metric side by side with its delta, the filters and channels that changed state, " +
            "and the pictures that changed most, before and after; exit 1 when the candidate fails a check.")
        {
            baseline, candidate, config, outDir,
        };
        command.SetAction(parse =>
        {
            var audit = AuditConfigReader.Load(parse.GetValue(config)!.FullName);
            var folder = parse.GetValue(outDir)!.FullName;
            Reporting.Reports.Clear(folder);
            // The texture drift is measured on the models the two runs loaded, so both stay open until it is.
            var keep = TextureComparison.Applies(audit);
            var kept = new List<OpenedModel>();
            AuditRun comparison;
            try
            {
                var runs = new[] { parse.GetValue(baseline)!, parse.GetValue(candidate)! }.Select((model, i) =>
                {
                    var checkedConfig = audit with { Model = model.FullName };
                    AuditConfigReader.Validate(checkedConfig, model.FullName);
                    var (run, opened) = RunProgress.Run(error, i == 0 ? "baseline" : "candidate",
                        progress => AuditRunner.RunKeepingModel(checkedConfig, new AuditRunOptions { Progress = progress }));
                    if (keep)
                    {
                        kept.Add(opened);
                    }
                    else
                    {
                        opened.Dispose();
                    }

                    Reporting.Reports.WriteAll(run, Path.Combine(folder, i == 0 ? "baseline" : "candidate"));
                    return run;
                }).ToArray();
                comparison = RunComparison.Compare(runs[0], runs[1]);
                if (keep)
                {
                    comparison = TextureComparison.Apply(audit, kept[0].Model, kept[1].Model, comparison);
                }
            }
            finally
            {
                kept.ForEach(m => m.Dispose());
            }

            return AuditCommand.Finish(comparison, folder, output);
        });
        return command;
    }
}
