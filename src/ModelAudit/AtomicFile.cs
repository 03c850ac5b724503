namespace ModelAudit;

/// <summary>Writes files so that a reader never sees half of one, even with parallel writers.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Every temporary file ModelAudit creates starts with this prefix (<c>.modelaudit-tmp.{guid}.tmp</c>, and the
    /// baselines lock <c>.modelaudit-tmp.lock</c>); <c>.gitignore</c> ignores <c>.modelaudit-tmp*</c>, so a process
    /// killed mid-write never leaves a file that git would pick up.
    /// </summary>
    public const string TempPrefix = ".modelaudit-tmp";

    /// <summary>
    /// Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/>, then renames it over the
    /// target: the rename is atomic on one file system, so the target holds either its old or its new content.
    /// <paramref name="beforeRename"/> runs between the two steps (tests use it to simulate a kill there).
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes, Action? beforeRename = null)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);

        // A fixed-length name, not the target's: a target name near NAME_MAX must not push its temp file over.
        var temp = TempPath(folder);
        try
        {
            File.WriteAllBytes(temp, bytes.ToArray());
            beforeRename?.Invoke();
            Move(temp, full);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static void WriteText(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A fresh temporary file name in <paramref name="folder"/>, matching the git-ignored pattern.</summary>
    public static string TempPath(string folder) => Path.Combine(folder, $"{TempPrefix}.{Guid.NewGuid():N}.tmp");

    private static void Move(string temp, string target)
    {
        // Windows refuses to replace a file that another process is reading for a moment; Unix never does.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                File.Move(temp, target, overwrite: true);
                return;
            }
            catch (Exception e) when (attempt < 50 && OperatingSystem.IsWindows() && e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(10);
            }
        }
    }
}
