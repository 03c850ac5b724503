namespace ModelAudit.Tests.TestSupport;

/// <summary>Paths inside the repository, found by walking up from the test assembly to <c>ModelAudit.sln</c>.</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ModelAudit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ModelAudit.sln above '{AppContext.BaseDirectory}'.");
    });

    public static string Root => LazyRoot.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
