using Spectre.Console;

namespace ModelAudit.Cli;

/// <summary>Progress lines on standard error for people at a terminal; nothing in CI logs or when output is redirected.</summary>
internal static class Progress
{
    public static IProgress<string>? For(TextWriter error)
    {
        return BuildEnvironment.IsCi() || Console.IsErrorRedirected ? null : new Reporter(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) }));
    }

    private sealed class Reporter(IAnsiConsole console) : IProgress<string>
    {
        public void Report(string value) => console.MarkupLine($"[grey]» {Markup.Escape(value)}[/]");
    }
}
