using System.CommandLine;
using System.CommandLine.Help;
using ModelAudit.Cli.Commands;

namespace ModelAudit.Cli;

/// <summary>
/// Builds the <c>modelaudit</c> command tree and runs it. Exit codes are a contract: 0 passed, 1 a check closed the
/// gate, 2 the command could not run. Every error, expected or not, ends here as exit 2 with a one-line cause;
/// <c>--verbose</c> adds the full detail.
/// </summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var verbose = new Option<bool>("--verbose") { Description = "On an error, print its full detail (exception chain and stack trace).", Recursive = true };
        // Named for the command people type: a RootCommand takes the executable's name, ModelAudit.Cli, when installed as a tool.
        var root = new Command("modelaudit", "modelaudit: audit image CNNs shipped as ONNX — occlusion, filters, activations, invariance, equivariance, embeddings, gradients, shortcuts, faithfulness, texture. " +
            "Runs show their progress on standard error: a live display on a terminal, otherwise plain lines (each stage's start and end, and every 10 s its counts).")
        {
            new HelpOption(),
            new VersionOption(),
            InspectCommand.Create(output),
            InitCommand.Create(output),
            AuditCommand.Create(output, error),
            MergeCommand.Create(output, error),
            CompareCommand.Create(output, error),
            DemoCommand.Create(output, error),
            BaselinesCommand.Create(output),
            ShapesCommand.Create(output),
        };
        root.Options.Add(verbose);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }

            error.WriteLine("Run 'modelaudit --help' or 'modelaudit <command> --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            var exit = parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            return exit is ExitCodes.Success or ExitCodes.AuditFailed or ExitCodes.InvalidInput ? exit : ExitCodes.InvalidInput;
        }
        catch (Exception ex)
        {
            error.WriteLine($"error: {Cause(ex)}");
            if (parse.GetValue(verbose))
            {
                error.WriteLine(ex.ToString());
            }
            else if (ex is not ModelAuditException)
            {
                error.WriteLine("This is not an error ModelAudit expected; rerun with --verbose for the details and report it with them.");
            }

            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>ModelAudit's own messages name the file, key or value; anything else is named by its type and message.</summary>
    private static string Cause(Exception ex) => ex switch
    {
        ModelAuditException => ex.Message,
        AggregateException { InnerExceptions.Count: 1 } a => Cause(a.InnerExceptions[0]),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Cause(inner),
        OutOfMemoryException => "out of memory; audit fewer or smaller images at a time (max_images) or give the process more memory.",
        IOException or UnauthorizedAccessException => $"{ex.Message} Check the path and its permissions.",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
