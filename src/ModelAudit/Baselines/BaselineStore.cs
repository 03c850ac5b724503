namespace ModelAudit.Baselines;

/// <summary>
/// The baseline files under one root, for tools: list what is verified and what waits, accept received files, or
/// discard them. Patterns are shell-style globs over baseline names (<c>OcclusionTests.*</c>); null or empty means all.
/// </summary>
public sealed class BaselineStore
{
    public BaselineStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The folder holding the baseline files.</summary>
    public string Root { get; }

    /// <summary>The store at the root the settings resolve to (by default the repository's <c>baselines/</c> folder).</summary>
    public static BaselineStore Open(BaselineSettings? settings = null) =>
        new(ResolvedBaselineSettings.Resolve(BaselineSettings.Global, settings).Root);

    /// <summary>Every baseline with a verified or received JSON file, sorted by name; pending ones report their received files.</summary>
    public IReadOnlyList<StoredBaseline> List(string? pattern = null)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var names = Directory.EnumerateFiles(Root, "*.json")
            .Select(Path.GetFileName)
            .Select(f => StemOf(f!, $".{BaselineFiles.Verified}.json") ?? StemOf(f!, $".{BaselineFiles.Received}.json"))
            .OfType<string>()
            .Where(n => string.IsNullOrEmpty(pattern) || Glob.IsMatch(pattern, n))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return names.Select(Describe).ToList();
    }

    /// <summary>
    /// Promotes the received files of every pending baseline matching <paramref name="pattern"/> to verified, removes
    /// verified pictures the snapshot no longer has, and deletes the diffs. Returns the baselines accepted, as they were before.
    /// </summary>
    public IReadOnlyList<StoredBaseline> Accept(string? pattern = null)
    {
        var pending = List(pattern).Where(b => b.IsPending).ToList();
        foreach (var baseline in pending)
        {
            Promote(new BaselineFiles(Root, baseline.Name));
        }

        return pending;
    }

    /// <summary>Deletes the received and diff files of every pending baseline matching <paramref name="pattern"/>; returns those baselines.</summary>
    public IReadOnlyList<StoredBaseline> Discard(string? pattern = null)
    {
        var pending = List(pattern).Where(b => b.IsPending).ToList();
        foreach (var baseline in pending)
        {
            new BaselineFiles(Root, baseline.Name).DeletePendingExcept([]);
        }

        return pending;
    }

    private static void Promote(BaselineFiles files)
    {
        var receivedJson = files.Json(BaselineFiles.Received);
        var images = SnapshotJson.Read(receivedJson).Images;
        var received = files.Images(BaselineFiles.Received);
        var verified = files.Images(BaselineFiles.Verified);
        var lost = images.FirstOrDefault(i => !received.ContainsKey(i) && !verified.ContainsKey(i));
        if (lost is not null)
        {
            throw new ModelAuditException(
                $"Cannot accept '{files.Name}': '{receivedJson}' lists the image '{lost}', but neither its received nor its verified PNG exists. Re-run the test to write the received files again.");
        }

        foreach (var image in images.Where(received.ContainsKey))
        {
            File.Move(received[image], files.Image(image, BaselineFiles.Verified), overwrite: true);
        }

        foreach (var (_, path) in verified.Where(v => !images.Contains(v.Key)))
        {
            File.Delete(path);
        }

        // The verified JSON last: until it moves, the baseline still shows as pending and accepting again finishes the job.
        File.Move(receivedJson, files.Json(BaselineFiles.Verified), overwrite: true);
        files.DeletePendingExcept([]);
    }

    private StoredBaseline Describe(string name)
    {
        var files = new BaselineFiles(Root, name);
        var verifiedJson = files.Json(BaselineFiles.Verified);
        var receivedJson = files.Json(BaselineFiles.Received);
        var verified = Existing(verifiedJson).Concat(files.Images(BaselineFiles.Verified).Values).Order(StringComparer.Ordinal).ToList();
        var received = Existing(receivedJson).Concat(files.Images(BaselineFiles.Received).Values).Order(StringComparer.Ordinal).ToList();
        var diffs = files.Images(BaselineFiles.Diff).Values.Order(StringComparer.Ordinal).ToList();
        var status = !File.Exists(receivedJson) ? BaselineStatus.Verified
            : File.Exists(verifiedJson) ? BaselineStatus.Changed : BaselineStatus.New;
        return new StoredBaseline(name, status, verified, received, diffs);
    }

    private static IEnumerable<string> Existing(string path) => File.Exists(path) ? [path] : [];

    private static string? StemOf(string file, string suffix) =>
        file.EndsWith(suffix, StringComparison.Ordinal) && file.Length > suffix.Length && !file.StartsWith('.') ? file[..^suffix.Length] : null;
}
