using System.CommandLine;
using ModelAudit.Cli.Commands;

namespace ModelAudit.Cli;

/// <summary>Builds the <c>modelaudit</c> command tree and runs it, mapping ModelAudit errors to exit codes.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("modelaudit: audit image CNNs shipped as ONNX — occlusion, filters, invariance, embeddings.")
        {
            InspectCommand.Create(output),
            AuditCommand.Create(output, error),
            MergeCommand.Create(output, error),
            CompareCommand.Create(output, error),
            DemoCommand.Create(output, error),
            BaselinesCommand.Create(output),
        };
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (ModelAuditException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
