namespace ModelAudit.Baselines;

/// <summary>
/// The baseline files under one root, for tools: list what is verified and what waits, accept received files, or
/// discard them. Patterns are shell-style globs over baseline names (<c>OcclusionTests.*</c>, <c>*</c>); null means all,
/// and an empty or blank pattern is refused rather than taken as all.
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
    /// <param name="pattern">A glob over baseline names; null means all.</param>
    public IReadOnlyList<StoredBaseline> List(string? pattern = null)
    {
        CheckPattern(pattern, "list");
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var names = Directory.EnumerateFiles(Root, "*.json")
            .Select(Path.GetFileName)
            .Select(f => StemOf(f!, $".{BaselineFiles.Verified}.json") ?? StemOf(f!, $".{BaselineFiles.Received}.json"))
            .OfType<string>()
            .Where(n => pattern is null || Glob.IsMatch(pattern, n))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return names.Select(Describe).ToList();
    }

    /// <summary>
    /// Makes the received set of every pending baseline matching <paramref name="pattern"/> its verified set, as one
    /// unit: the pictures and metrics of that run, nothing of an older one. Returns the baselines accepted, as they were before.
    /// </summary>
    /// <param name="pattern">A glob over baseline names (<c>*</c> for all); null means all. Empty or blank is refused.</param>
    public IReadOnlyList<StoredBaseline> Accept(string? pattern = null)
    {
        CheckPattern(pattern, "accept");
        var pending = List(pattern).Where(b => b.IsPending).ToList();
        foreach (var baseline in pending)
        {
            Promote(new BaselineFiles(Root, baseline.Name));
        }

        return pending;
    }

    /// <summary>Deletes the received and diff files of every pending baseline matching <paramref name="pattern"/>; returns those baselines.</summary>
    /// <param name="pattern">A glob over baseline names (<c>*</c> for all); null means all. Empty or blank is refused.</param>
    public IReadOnlyList<StoredBaseline> Discard(string? pattern = null)
    {
        CheckPattern(pattern, "discard");
        var pending = List(pattern).Where(b => b.IsPending).ToList();
        foreach (var baseline in pending)
        {
            new BaselineFiles(Root, baseline.Name).DeletePendingExcept([]);
        }

        return pending;
    }

    private static void CheckPattern(string? pattern, string verb)
    {
        // An empty pattern usually comes from an unset shell variable; taking it as "all" would accept everything unreviewed.
        if (pattern is not null && string.IsNullOrWhiteSpace(pattern))
        {
            throw new ModelAuditException(
                $"The pattern is empty, so nothing was done. Give a glob over baseline names, e.g. `modelaudit baselines {verb} 'OcclusionAudit.*'`, " +
                $"or `modelaudit baselines {verb} '*'` for every baseline.");
        }
    }

    private static void Promote(BaselineFiles files)
    {
        LoadedBaselineSet? received;
        try
        {
            received = BaselineSetReader.Load(files, BaselineFiles.Received);
        }
        catch (CorruptBaselineException e)
        {
            throw new ModelAuditException(
                $"Cannot accept '{files.Name}': its received files are not one complete set ({e.Problem}). Re-run the test to write the received files again.", e);
        }

        // Gone since List: another process accepted or discarded it.
        if (received is not null)
        {
            BaselineSetWriter.Commit(files, received.Set.Metrics, received.Pngs);
        }
    }

    private StoredBaseline Describe(string name)
    {
        var files = new BaselineFiles(Root, name);
        var verifiedJson = files.Json(BaselineFiles.Verified);
        var receivedJson = files.Json(BaselineFiles.Received);
        var verified = Existing(verifiedJson).Concat(files.VerifiedImages()).Order(StringComparer.Ordinal).ToList();
        var pending = files.Pending().ToList();
        var received = pending.Where(p => !p.EndsWith($".{BaselineFiles.Diff}.png", StringComparison.Ordinal)).ToList();
        var diffs = pending.Where(p => p.EndsWith($".{BaselineFiles.Diff}.png", StringComparison.Ordinal)).ToList();
        var status = !File.Exists(receivedJson) ? BaselineStatus.Verified
            : File.Exists(verifiedJson) ? BaselineStatus.Changed : BaselineStatus.New;
        return new StoredBaseline(name, status, verified, received, diffs);
    }

    private static IEnumerable<string> Existing(string path) => File.Exists(path) ? [path] : [];

    private static string? StemOf(string file, string suffix) =>
        file.EndsWith(suffix, StringComparison.Ordinal) && file.Length > suffix.Length && !file.StartsWith('.') ? file[..^suffix.Length] : null;
}
