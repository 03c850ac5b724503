namespace ModelAudit.Baselines;

/// <summary>Finds the repository's <c>baselines/</c> folder by walking up from the test assembly.</summary>
internal static class BaselineRoot
{
    private static readonly Lazy<string> LazyDefault = new(() => Find(AppContext.BaseDirectory));

    public static string Default => LazyDefault.Value;

    /// <summary>The <c>baselines</c> folder beside the first folder above <paramref name="start"/> that holds <c>.git</c> (a folder, or a file in a worktree) or a solution.</summary>
    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git)
                || dir.EnumerateFiles("*.sln").Any() || dir.EnumerateFiles("*.slnx").Any())
            {
                return Path.Combine(dir.FullName, "baselines");
            }
        }

        throw new ModelAuditException(
            $"Cannot find the baselines folder: no folder above '{start}' holds a .git folder or a *.sln file. " +
            "Set BaselineSettings.Root (or the MODELAUDIT_BASELINES environment variable) to the folder that should hold the baselines.");
    }
}
