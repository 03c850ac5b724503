using ModelAudit.Auditing;

namespace ModelAudit.Cli.Progress;

/// <summary>
/// How a command shows the progress of an audit run on standard error: a live display on a terminal
/// (<see cref="LiveProgress"/>), plain lines anywhere else — CI logs, redirected output (<see cref="ProgressLines"/>).
/// </summary>
internal static class RunProgress
{
    /// <summary>How often the plain lines say how a long stage is doing.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="work"/> with a progress display; <paramref name="label"/> names the run (a model) when a command makes several.</summary>
    public static T Run<T>(TextWriter error, string label, Func<IProgress<AuditProgress>, T> work)
    {
        if (IsTerminal(error))
        {
            return LiveProgress.Run(error, label, work);
        }

        using var lines = new ProgressLines(error, label, TimeProvider.System, LineInterval);
        lines.StartTimer();
        return work(lines);
    }

    /// <summary>A person watches: standard error is the console, not redirected, and not a CI job (whose log may still be a pseudo-terminal).</summary>
    private static bool IsTerminal(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && !BuildEnvironment.IsCi();
}
