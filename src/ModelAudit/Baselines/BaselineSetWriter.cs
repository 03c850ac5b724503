namespace ModelAudit.Baselines;

/// <summary>
/// Replaces a baseline's verified set as one unit. Under the root's <see cref="BaselineLock"/>: (1) each picture is
/// written under its content-addressed name (temporary file, then rename), (2) the verified JSON naming exactly those
/// pictures replaces the old one by one atomic rename — the commit — and (3) pictures of other generations and the
/// received and diff files are deleted. A process killed before (2) leaves the old JSON, whose pictures (1) never
/// touched; after (2), the new JSON, whose pictures were all written before it. Either way a reader sees one whole set.
/// </summary>
internal static class BaselineSetWriter
{
    /// <summary>Temporary files older than this are leftovers of a killed process, never a write in flight.</summary>
    private static readonly TimeSpan StaleTemp = TimeSpan.FromMinutes(10);

    /// <param name="files">The baseline.</param>
    /// <param name="metrics">The metrics of the new set.</param>
    /// <param name="pngs">The PNG bytes of every image of the new set.</param>
    /// <param name="step">Called after each file-system step with what was done; tests throw from it to simulate a kill there.</param>
    public static BaselineSet Commit(
        BaselineFiles files, IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, byte[]> pngs, Action<string>? step = null)
    {
        var images = new SortedDictionary<string, BaselineImageFile>(StringComparer.Ordinal);
        foreach (var (image, png) in pngs)
        {
            var sha = BaselineSetReader.Sha256(png);
            images[image] = new BaselineImageFile(files.VerifiedImageFile(image, sha), sha);
        }

        var set = new BaselineSet(metrics, images);
        var json = SnapshotJson.Write(metrics, images);
        using var writers = BaselineLock.Acquire(files.Root);
        foreach (var (image, file) in images)
        {
            var path = files.PathOf(file.File);

            // Content-addressed: a file of that name already holds these bytes unless someone damaged it.
            if (File.Exists(path) && BaselineSetReader.Sha256(File.ReadAllBytes(path)) == file.Sha256)
            {
                continue;
            }

            AtomicFile.Write(path, pngs[image], () => step?.Invoke($"temporary file of {file.File} written"));
            step?.Invoke($"{file.File} written");
        }

        AtomicFile.Write(files.Json(BaselineFiles.Verified), json, () => step?.Invoke("temporary file of the verified JSON written"));
        step?.Invoke("verified JSON replaced");
        DeleteUnreferenced(files, images.Values, step);
        foreach (var pending in files.Pending())
        {
            TryDelete(pending);
            step?.Invoke($"{Path.GetFileName(pending)} deleted");
        }

        return set;
    }

    /// <summary>
    /// Deletes verified pictures that the current verified JSON does not name (left by a process killed before its
    /// commit) and stale temporary files. Safe beside running writers: it holds their lock.
    /// </summary>
    public static void Clean(BaselineFiles files)
    {
        using var writers = BaselineLock.Acquire(files.Root);
        var json = files.Json(BaselineFiles.Verified);
        var current = File.Exists(json) ? SnapshotJson.Parse(File.ReadAllBytes(json), files, BaselineFiles.Verified).Images.Values : [];
        DeleteUnreferenced(files, current.ToList(), null);
    }

    /// <summary>True when verified pictures lie beside the set that its JSON does not name.</summary>
    public static bool HasUnreferenced(BaselineFiles files, BaselineSet set)
    {
        var named = set.Images.Values.Select(i => files.PathOf(i.File)).ToHashSet(StringComparer.Ordinal);
        return files.VerifiedImages().Any(p => !named.Contains(p));
    }

    private static void DeleteUnreferenced(BaselineFiles files, IReadOnlyCollection<BaselineImageFile> current, Action<string>? step)
    {
        var named = current.Select(i => files.PathOf(i.File)).ToHashSet(StringComparer.Ordinal);
        foreach (var path in files.VerifiedImages().Where(p => !named.Contains(p)))
        {
            TryDelete(path);
            step?.Invoke($"{Path.GetFileName(path)} deleted");
        }

        var stale = DateTime.UtcNow - StaleTemp;
        foreach (var temp in Directory.EnumerateFiles(files.Root, $"{AtomicFile.TempPrefix}.*.tmp").Where(t => File.GetLastWriteTimeUtc(t) < stale))
        {
            TryDelete(temp);
        }
    }

    /// <summary>
    /// Deletes after the commit are tidying only: on Windows a file a reader holds open cannot be deleted for a moment,
    /// and failing an accepted set for that would be wrong. What stays is deleted by the next check or commit.
    /// </summary>
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next clean.
        }
    }
}
