namespace ModelAudit.Baselines;

/// <summary>
/// The file names of one baseline inside the root. The verified set is <c>{name}.verified.json</c> plus one
/// content-addressed picture per image, <c>{name}#{image}.{sha256 prefix}.verified.png</c>, which the JSON names with
/// its full SHA-256. A failed run leaves <c>{name}.received.json</c>, <c>{name}#{image}.received.png</c> and
/// <c>{name}#{image}.diff.png</c>. Baselines recorded before pictures were content-addressed use
/// <c>{name}#{image}.verified.png</c> and a JSON that lists only image names; they are read as they are.
/// </summary>
internal sealed record BaselineFiles(string Root, string Name)
{
    public const string Verified = "verified";
    public const string Received = "received";
    public const string Diff = "diff";

    /// <summary>Hex digits of the picture's SHA-256 in its file name: enough to tell the generations of one image apart.</summary>
    public const int HashLength = 16;

    /// <summary>
    /// The longest file name the store adds to a baseline name: <c>#</c>, the image name, <c>.</c>, the hash and
    /// <c>.verified.png</c>. With <see cref="SnapshotName.MaxLength"/> and <see cref="Snapshots.Snapshot.MaxImageNameLength"/>
    /// (both in UTF-8 bytes) every file name stays within the 255 bytes of Linux's NAME_MAX.
    /// </summary>
    public const int MaxSuffixBytes = 1 + 1 + HashLength + 13;

    public string Json(string kind) => Path.Combine(Root, $"{Name}.{kind}.json");

    /// <summary>The received or diff picture of an image (and the verified picture of the layout without hashes).</summary>
    public string Image(string image, string kind) => Path.Combine(Root, ImageFile(image, kind));

    public string ImageFile(string image, string kind) => $"{Name}#{image}.{kind}.png";

    /// <summary>The content-addressed file name of a verified picture.</summary>
    public string VerifiedImageFile(string image, string sha256) => $"{Name}#{image}.{sha256[..HashLength]}.{Verified}.png";

    public string PathOf(string fileName) => Path.Combine(Root, fileName);

    /// <summary>Every verified picture of this baseline on disk, of any generation.</summary>
    public IReadOnlyList<string> VerifiedImages() => Matching($".{Verified}.png");

    /// <summary>The received and diff files on disk: what a failed run left behind.</summary>
    public IEnumerable<string> Pending()
    {
        var json = Json(Received);
        return (File.Exists(json) ? [json] : Array.Empty<string>())
            .Concat(Matching($".{Received}.png")).Concat(Matching($".{Diff}.png")).Order(StringComparer.Ordinal);
    }

    /// <summary>Deletes received and diff files that the current run did not write, so stale files never get accepted.</summary>
    public void DeletePendingExcept(IReadOnlyCollection<string> keep)
    {
        foreach (var path in Pending().Where(p => !keep.Contains(p)))
        {
            File.Delete(path);
        }
    }

    private List<string> Matching(string suffix)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        // '#' cannot occur in a baseline name, so "{Name}#" never matches another baseline's files.
        var prefix = $"{Name}#";
        return Directory.EnumerateFiles(Root, $"{prefix}*{suffix}")
            .Where(path => Path.GetFileName(path) is var file && file.StartsWith(prefix, StringComparison.Ordinal) && file.EndsWith(suffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
