namespace ModelAudit.Baselines;

/// <summary>
/// The file names of one baseline inside the root: <c>{name}.verified.json</c> for the metrics and the list of images,
/// <c>{name}#{image}.verified.png</c> per image, and the <c>.received.</c> and <c>.diff.</c> twins a failed run leaves.
/// </summary>
internal sealed record BaselineFiles(string Root, string Name)
{
    public const string Verified = "verified";
    public const string Received = "received";
    public const string Diff = "diff";

    public string Json(string kind) => Path.Combine(Root, $"{Name}.{kind}.json");

    public string Image(string image, string kind) => Path.Combine(Root, $"{Name}#{image}.{kind}.png");

    /// <summary>Every image file of the given kind on disk, keyed by image name.</summary>
    public IReadOnlyDictionary<string, string> Images(string kind)
    {
        var suffix = $".{kind}.png";
        var prefix = $"{Name}#";
        if (!Directory.Exists(Root))
        {
            return new Dictionary<string, string>();
        }

        return Directory.EnumerateFiles(Root, $"{Name}#*{suffix}")
            .Select(path => (Path: path, File: Path.GetFileName(path)))
            .Where(f => f.File.StartsWith(prefix, StringComparison.Ordinal) && f.File.EndsWith(suffix, StringComparison.Ordinal))
            .ToDictionary(f => f.File[prefix.Length..^suffix.Length], f => f.Path, StringComparer.Ordinal);
    }

    /// <summary>The received and diff files on disk: what a failed run left behind.</summary>
    public IEnumerable<string> Pending()
    {
        var json = Json(Received);
        return (File.Exists(json) ? [json] : Array.Empty<string>())
            .Concat(Images(Received).Values).Concat(Images(Diff).Values).Order(StringComparer.Ordinal);
    }

    /// <summary>Deletes received and diff files that the current run did not write, so stale files never get accepted.</summary>
    public void DeletePendingExcept(IReadOnlyCollection<string> keep)
    {
        foreach (var path in Pending().Where(p => !keep.Contains(p)))
        {
            File.Delete(path);
        }
    }
}
