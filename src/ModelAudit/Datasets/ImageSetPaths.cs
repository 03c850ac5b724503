namespace ModelAudit.Datasets;

/// <summary>
/// Resolves the image paths a labels file names, keeping them inside the dataset folder: no absolute paths, no
/// <c>..</c> escapes, and no symbolic links that lead out, unless the options allow it.
/// </summary>
internal sealed class ImageSetPaths
{
    // Links are followed at most this deep, as Linux does, so a link cycle ends in an error instead of a hang.
    private const int MaxLinkDepth = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly bool _allowOutside;
    private readonly string _folder;
    private string? _realFolder;

    public ImageSetPaths(string folder, bool allowOutside)
    {
        _folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        _allowOutside = allowOutside;
    }

    /// <summary>The full path of <paramref name="relative"/>, an image or mask (<paramref name="what"/>); a path that leads out of the folder becomes the caller's error.</summary>
    public string Resolve(string relative, string what, Func<string, InvalidDatasetException> bad)
    {
        if (string.IsNullOrWhiteSpace(relative))
        {
            throw bad($"the {what} path is empty; give the {what}'s path relative to the folder '{_folder}'.");
        }

        string path;
        try
        {
            path = Path.GetFullPath(Path.Combine(_folder, relative));
        }
        catch (ArgumentException)
        {
            throw bad($"{what} '{relative}' is not a valid path (it holds a character such as NUL that no file name may contain); fix the path.");
        }

        if (_allowOutside)
        {
            return path;
        }

        const string Allow = "or set ImageSetOptions.AllowPathsOutsideFolder to read images outside the folder";
        if (Path.IsPathRooted(relative))
        {
            throw bad($"{what} '{relative}' is an absolute path; paths must be relative to the folder '{_folder}'. Move the file into the folder and name it relative to it, {Allow}.");
        }

        if (!IsInside(path, _folder))
        {
            throw bad($"{what} '{relative}' leads outside the folder '{_folder}' (to '{path}'). Move the file into the folder, {Allow}.");
        }

        string? target;
        try
        {
            target = LinkTarget(path);
        }
        catch (InvalidDatasetException e)
        {
            throw bad($"{what} '{relative}': {e.Message} Fix or remove the link.");
        }

        if (target is not null && !IsInside(target, _realFolder ??= RealPath(_folder, 0)))
        {
            throw bad($"{what} '{relative}' goes through a symbolic link to '{target}', outside the folder '{_folder}'. Copy the file into the folder, {Allow}.");
        }

        return path;
    }

    private static bool IsInside(string path, string folder) =>
        path.Length > Prefix(folder).Length && path.StartsWith(Prefix(folder), PathComparison);

    private static string Prefix(string folder) => Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;

    /// <summary>The real path of <paramref name="path"/> when a component below the folder is a symbolic link, else null.</summary>
    private string? LinkTarget(string path)
    {
        // Components above the folder are shared with the folder itself, so only those below it can lead out.
        var current = _folder;
        foreach (var part in path[Prefix(_folder).Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is not null)
            {
                return RealPath(path, 0);
            }
        }

        return null;
    }

    /// <summary>The path with every symbolic link along it replaced by what it points to.</summary>
    private static string RealPath(string path, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new InvalidDatasetException($"'{path}' goes through more than {MaxLinkDepth} symbolic links; one of them probably points back at itself.");
        }

        var root = Path.GetPathRoot(path)!;
        var current = root;
        var parts = path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            var link = new FileInfo(current).LinkTarget;
            if (link is not null)
            {
                var target = Path.GetFullPath(link, Path.GetDirectoryName(current)!);
                return RealPath(Path.Combine([target, .. parts[(i + 1)..]]), depth + 1);
            }
        }

        return current;
    }
}
