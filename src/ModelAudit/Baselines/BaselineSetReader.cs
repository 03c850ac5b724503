using System.Security.Cryptography;

namespace ModelAudit.Baselines;

/// <summary>
/// Reads a stored set without locking: the JSON first, then exactly the pictures it names, each checked against its
/// recorded SHA-256. A picture that is missing or different means either a writer replaced the set between the two
/// reads (the JSON changed: read again) or the set is broken (the JSON did not change: <see cref="CorruptBaselineException"/>).
/// </summary>
internal static class BaselineSetReader
{
    private const int Attempts = 20;

    /// <summary>The set of <paramref name="kind"/> (verified or received), or null when it has no JSON file.</summary>
    public static LoadedBaselineSet? Load(BaselineFiles files, string kind)
    {
        var json = files.Json(kind);
        var problem = string.Empty;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var bytes = TryRead(json);
            if (bytes is null)
            {
                return null;
            }

            var set = SnapshotJson.Parse(bytes, files, kind);
            var (loaded, missing) = Pictures(files, set);
            if (missing is null)
            {
                return loaded;
            }

            problem = missing;
            if ((TryRead(json) ?? []).AsSpan().SequenceEqual(bytes))
            {
                break;
            }
        }

        throw new CorruptBaselineException(json, problem);
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static (LoadedBaselineSet? Loaded, string? Problem) Pictures(BaselineFiles files, BaselineSet set)
    {
        var pngs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var images = new SortedDictionary<string, BaselineImageFile>(StringComparer.Ordinal);
        foreach (var (image, file) in set.Images)
        {
            var path = files.PathOf(file.File);
            var png = TryRead(path);
            if (png is null)
            {
                return (null, $"it names '{path}' as the picture of image '{image}', but that file does not exist");
            }

            var sha = Sha256(png);
            if (file.Sha256 is { } expected && sha != expected)
            {
                return (null, $"it records SHA-256 {expected} for image '{image}', but '{path}' has SHA-256 {sha}");
            }

            pngs[image] = png;
            images[image] = file with { Sha256 = sha };
        }

        return (new LoadedBaselineSet(set with { Images = images }, pngs), null);
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
