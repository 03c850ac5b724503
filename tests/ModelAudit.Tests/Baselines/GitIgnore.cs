using System.Diagnostics;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Baselines;

/// <summary>Asks git itself whether the repository's <c>.gitignore</c> ignores a path, so the test checks the real rules.</summary>
internal static class GitIgnore
{
    public static bool IsIgnored(string relativePath)
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["-C", Repo.Root, "check-ignore", "--no-index", "-q", relativePath])
        {
            RedirectStandardError = true,
        })!;
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw new InvalidOperationException($"git check-ignore failed (exit {git.ExitCode}): {error.Trim()}"),
        };
    }
}
