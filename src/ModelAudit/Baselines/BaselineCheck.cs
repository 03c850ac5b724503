using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Baselines;

/// <summary>
/// Checks one snapshot against its verified files, then writes what the outcome calls for: nothing (and stale received
/// files removed) on a match, the verified files when accepting, otherwise the received files and diffs.
/// </summary>
internal static class BaselineCheck
{
    public static BaselineResult Run(Snapshot snapshot, SnapshotName name, ResolvedBaselineSettings settings)
    {
        Validate(snapshot);
        var files = new BaselineFiles(settings.Root, name.Value);
        var verifiedJson = files.Json(BaselineFiles.Verified);
        var verified = BaselineSetReader.Load(files, BaselineFiles.Verified);
        if (verified is not null && BaselineSetWriter.HasUnreferenced(files, verified.Set))
        {
            BaselineSetWriter.Clean(files);
        }

        var verifiedImages = verified?.Set.Images ?? new Dictionary<string, BaselineImageFile>();
        var comparisons = new List<(ImageComparison Comparison, RgbImage? Diff)>();
        foreach (var image in verifiedImages.Keys.Union(snapshot.Images.Keys).Order(StringComparer.Ordinal))
        {
            var path = verifiedImages.TryGetValue(image, out var file) ? files.PathOf(file.File) : files.Image(image, BaselineFiles.Verified);
            var old = file is null ? null : LoadVerified(verified!.Pngs[image], path);
            comparisons.Add(ImageComparer.Compare(image, old, snapshot.Images.GetValueOrDefault(image), path, settings));
        }

        var metrics = verified is null ? [] : MetricComparer.Compare(verified.Set.Metrics, snapshot.Metrics, settings);
        if (verified is not null && metrics.Count == 0 && comparisons.All(c => c.Comparison.Status == ImageStatus.Matched))
        {
            if (settings.Accept && verified.Set.Images.Any(i => i.Value.File != files.VerifiedImageFile(i.Key, i.Value.Sha256!)))
            {
                // A set recorded before pictures were content-addressed moves to the current layout with its own
                // metrics and bytes: only file names change, so the move is reviewable as renames.
                BaselineSetWriter.Commit(files, verified.Set.Metrics, verified.Pngs);
            }

            files.DeletePendingExcept([]);
            return new BaselineResult(name, BaselineOutcome.Matched, comparisons.Select(c => c.Comparison).ToList(), metrics, verifiedJson, null) { RootFoundFrom = settings.FoundFrom };
        }

        // Pictures that still match keep their verified bytes, so accepting never churns a picture that matched.
        bool Keeps(string image) => comparisons.Any(c => c.Comparison.Image == image && c.Comparison.Status == ImageStatus.Matched);
        var pngs = snapshot.Images.ToDictionary(
            i => i.Key, i => Keeps(i.Key) ? verified!.Pngs[i.Key] : ImageCodec.EncodePng(i.Value), StringComparer.Ordinal);
        if (settings.Accept)
        {
            BaselineSetWriter.Commit(files, snapshot.Metrics, pngs);
            return new BaselineResult(name, BaselineOutcome.Accepted, comparisons.Select(c => c.Comparison).ToList(), metrics, verifiedJson, null) { RootFoundFrom = settings.FoundFrom };
        }

        var written = new List<string>();
        var results = new List<ImageComparison>();
        var received = new SortedDictionary<string, BaselineImageFile>(StringComparer.Ordinal);
        foreach (var (comparison, diff) in comparisons)
        {
            var result = comparison;
            var image = comparison.Image;
            if (comparison.Status is ImageStatus.Matched)
            {
                received[image] = verifiedImages[image];
            }
            else if (comparison.Status is not ImageStatus.Removed)
            {
                result = result with { ReceivedPath = Write(files.Image(image, BaselineFiles.Received), pngs[image], written) };
                received[image] = new BaselineImageFile(files.ImageFile(image, BaselineFiles.Received), BaselineSetReader.Sha256(pngs[image]));
            }

            if (diff is not null)
            {
                result = result with { DiffPath = Write(files.Image(image, BaselineFiles.Diff), ImageCodec.EncodePng(diff), written) };
            }

            results.Add(result);
        }

        // The received JSON goes last and names the received pictures with their hashes (and the verified ones that
        // still matched), so `baselines accept` promotes exactly this run's set or refuses a mixed one.
        var receivedJson = Write(files.Json(BaselineFiles.Received), SnapshotJson.Write(snapshot.Metrics, received), written);
        files.DeletePendingExcept(written);
        var outcome = verified is null ? BaselineOutcome.Missing : BaselineOutcome.Mismatched;
        return new BaselineResult(name, outcome, results, metrics, verifiedJson, receivedJson) { RootFoundFrom = settings.FoundFrom };
    }

    private static string Write(string path, byte[] bytes, List<string> written)
    {
        AtomicFile.Write(path, bytes);
        written.Add(path);
        return path;
    }

    private static RgbImage LoadVerified(byte[] png, string path)
    {
        try
        {
            return ImageCodec.Decode(png, path);
        }
        catch (InvalidImageException e)
        {
            throw new CorruptBaselineException(path, e.Message, e);
        }
    }

    private static void Validate(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var (image, picture) in snapshot.Images)
        {
            SnapshotNameRules.Validate(image, Snapshot.MaxImageNameLength, "image name");
            _ = picture ?? throw new ArgumentException($"The snapshot's image '{image}' is null.", nameof(snapshot));
        }

        var unnamed = snapshot.Metrics.Keys.FirstOrDefault(string.IsNullOrWhiteSpace);
        if (unnamed is not null)
        {
            throw new ArgumentException("A snapshot metric has an empty name; give every metric a name such as 'mass_inside'.", nameof(snapshot));
        }
    }
}
