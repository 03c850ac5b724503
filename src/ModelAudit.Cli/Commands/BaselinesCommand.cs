using System.CommandLine;
using ModelAudit.Baselines;

namespace ModelAudit.Cli.Commands;

/// <summary><c>modelaudit baselines list|accept|discard [pattern]</c>: review snapshot baselines after a run.</summary>
internal static class BaselinesCommand
{
    public static Command Create(TextWriter output)
    {
        var root = new Option<DirectoryInfo?>("--root")
        {
            Description = "The baselines folder. Default: MODELAUDIT_BASELINES, else the baselines/ folder found by walking up from the current " +
                          "directory to a modelaudit.json, then a .git or *.sln/*.slnx, then a Directory.Build.props.",
            Recursive = true,
        };
        var command = new Command("baselines", "List, accept or discard snapshot baselines.") { root };
        command.Subcommands.Add(Verb("list", "List verified baselines and those waiting for review.", root, output, (store, pattern) => store.List(pattern), "pending: "));
        command.Subcommands.Add(Verb("accept", "Make each received set the verified set, as a unit (all, or those matching the glob; '*' is all, '' is refused).", root, output, (store, pattern) => store.Accept(pattern), "accepted: "));
        command.Subcommands.Add(Verb("discard", "Delete received and diff files (all, or those matching the glob; '*' is all, '' is refused).", root, output, (store, pattern) => store.Discard(pattern), "discarded: "));
        return command;
    }

    private static Command Verb(string name, string description, Option<DirectoryInfo?> root, TextWriter output, Func<BaselineStore, string?, IReadOnlyList<StoredBaseline>> act, string label)
    {
        var pattern = new Argument<string?>("pattern") { Description = "A glob over baseline names, e.g. 'ShapesAudit.*', or '*' for all; quote it so the shell does not expand it.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(name, description) { pattern };
        command.SetAction(parse =>
        {
            var store = new BaselineStore(RootOf(parse.GetValue(root), Environment.GetEnvironmentVariable, Environment.CurrentDirectory));
            var baselines = act(store, parse.GetValue(pattern));
            foreach (var b in baselines)
            {
                output.WriteLine($"{b.Status,-9} {b.Name}");
            }

            if (!Directory.Exists(store.Root))
            {
                output.WriteLine($"{store.Root} does not exist yet: run the tests first, or run this from the test project's folder, or pass --root.");
            }

            output.WriteLine(name == "list"
                ? $"{baselines.Count} baseline(s) in {store.Root}, {baselines.Count(b => b.IsPending)} {label.TrimEnd(' ', ':')}"
                : $"{label}{baselines.Count} baseline(s) in {store.Root}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// <c>--root</c>, else <c>MODELAUDIT_BASELINES</c>, else a walk up from the current directory — the folder the user
    /// stands in, never the tool's install folder — with the same markers a test uses.
    /// </summary>
    internal static string RootOf(DirectoryInfo? option, Func<string, string?> environment, string currentDirectory) =>
        option?.FullName
        ?? (environment("MODELAUDIT_BASELINES") is { } env && !string.IsNullOrWhiteSpace(env) ? Path.GetFullPath(env) : null)
        ?? BaselineRoot.Find(currentDirectory);
}
