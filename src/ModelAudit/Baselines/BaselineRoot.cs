namespace ModelAudit.Baselines;

/// <summary>
/// Finds the baselines folder by walking up to the nearest project marker. Markers rank: a <c>modelaudit.json</c>
/// anywhere above wins (it names the project that owns the baselines), then the repository (<c>.git</c>, a folder or a
/// worktree's file, or a <c>*.sln</c>/<c>*.slnx</c>), then a <c>Directory.Build.props</c> — so a test project with its
/// own <c>modelaudit.json</c> keeps its baselines beside it even inside a larger repository, and a repository's
/// nested <c>Directory.Build.props</c> files do not split its baselines.
/// </summary>
internal static class BaselineRoot
{
    /// <summary>The optional project file that marks where baselines live.</summary>
    public const string MarkerFile = BaselineMarker.FileName;

    // Tests run from their output folder, below their project, so the test assembly's folder is the surest start;
    // the current directory covers an assembly copied out of its project.
    private static readonly Lazy<BaselineRootLocation> LazyDefault = new(() =>
        TryFind(AppContext.BaseDirectory) ?? TryFind(Environment.CurrentDirectory) ?? throw NotFound(AppContext.BaseDirectory));

    /// <summary>Where the baselines of the running test assembly live, and the folder they were found from.</summary>
    public static BaselineRootLocation Default => LazyDefault.Value;

    /// <summary>The baselines folder for <paramref name="start"/>; throws when no folder above it holds a marker.</summary>
    public static string Find(string start) => (TryFind(start) ?? throw NotFound(start)).Root;

    /// <summary>The baselines folder for <paramref name="start"/> and the folder whose marker chose it; null when none does.</summary>
    public static BaselineRootLocation? TryFind(string start)
    {
        var folders = Above(start).ToList();
        var project = folders.FirstOrDefault(d => File.Exists(Path.Combine(d.FullName, MarkerFile)));
        if (project is not null)
        {
            return new BaselineRootLocation(BaselineMarker.Read(project.FullName), project.FullName);
        }

        var repository = folders.FirstOrDefault(IsRepository) ?? folders.FirstOrDefault(d => File.Exists(Path.Combine(d.FullName, "Directory.Build.props")));
        return repository is null ? null : new BaselineRootLocation(Path.Combine(repository.FullName, "baselines"), repository.FullName);
    }

    private static IEnumerable<DirectoryInfo> Above(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            yield return dir;
        }
    }

    private static bool IsRepository(DirectoryInfo dir)
    {
        var git = Path.Combine(dir.FullName, ".git");
        return Directory.Exists(git) || File.Exists(git) || (dir.Exists && (dir.EnumerateFiles("*.sln").Any() || dir.EnumerateFiles("*.slnx").Any()));
    }

    private static ModelAuditException NotFound(string start) => new(
        $"Cannot find the baselines folder: no folder above '{start}' holds a {MarkerFile}, a .git folder, a *.sln/*.slnx or a " +
        $"Directory.Build.props. Put a {MarkerFile} (`{{}}` is enough) in the test project's folder, or set BaselineSettings.Root, " +
        "the MODELAUDIT_BASELINES environment variable, or `modelaudit baselines --root`, to the folder that should hold the baselines.");
}
