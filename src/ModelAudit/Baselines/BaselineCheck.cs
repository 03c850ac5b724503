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
        var verified = File.Exists(verifiedJson) ? SnapshotJson.Read(verifiedJson) : default;
        var verifiedImages = verified.Images ?? [];

        var comparisons = new List<(ImageComparison Comparison, RgbImage? Diff)>();
        foreach (var image in verifiedImages.Union(snapshot.Images.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var path = files.Image(image, BaselineFiles.Verified);
            var old = verifiedImages.Contains(image) && File.Exists(path) ? LoadVerified(path) : null;
            comparisons.Add(ImageComparer.Compare(image, old, snapshot.Images.GetValueOrDefault(image), path, settings));
        }

        var metrics = verified.Metrics is null ? [] : MetricComparer.Compare(verified.Metrics, snapshot.Metrics, settings);
        if (verified.Metrics is not null && metrics.Count == 0 && comparisons.All(c => c.Comparison.Status == ImageStatus.Matched))
        {
            files.DeletePendingExcept([]);
            return new BaselineResult(name, BaselineOutcome.Matched, comparisons.Select(c => c.Comparison).ToList(), metrics, verifiedJson, null);
        }

        var json = SnapshotJson.Write(snapshot.Metrics, snapshot.Images.Keys);
        if (settings.Accept)
        {
            Promote(files, snapshot, json, comparisons.Select(c => c.Comparison));
            return new BaselineResult(name, BaselineOutcome.Accepted, comparisons.Select(c => c.Comparison).ToList(), metrics, verifiedJson, null);
        }

        var written = new List<string>();
        var results = new List<ImageComparison>();
        foreach (var (comparison, diff) in comparisons)
        {
            var result = comparison;
            if (comparison.Status is not ImageStatus.Matched and not ImageStatus.Removed)
            {
                result = result with { ReceivedPath = Write(files.Image(comparison.Image, BaselineFiles.Received), ImageCodec.EncodePng(snapshot.Images[comparison.Image]), written) };
            }

            if (diff is not null)
            {
                result = result with { DiffPath = Write(files.Image(comparison.Image, BaselineFiles.Diff), ImageCodec.EncodePng(diff), written) };
            }

            results.Add(result);
        }

        // The received JSON goes last: it marks the received set as complete for `baselines accept`.
        var receivedJson = Write(files.Json(BaselineFiles.Received), json, written);
        files.DeletePendingExcept(written);
        var outcome = verified.Metrics is null ? BaselineOutcome.Missing : BaselineOutcome.Mismatched;
        return new BaselineResult(name, outcome, results, metrics, verifiedJson, receivedJson);
    }

    private static void Promote(BaselineFiles files, Snapshot snapshot, byte[] json, IEnumerable<ImageComparison> comparisons)
    {
        foreach (var comparison in comparisons.Where(c => c.Status is not ImageStatus.Matched and not ImageStatus.Removed))
        {
            AtomicFile.Write(files.Image(comparison.Image, BaselineFiles.Verified), ImageCodec.EncodePng(snapshot.Images[comparison.Image]));
        }

        foreach (var (image, path) in files.Images(BaselineFiles.Verified).Where(i => !snapshot.Images.ContainsKey(i.Key)))
        {
            File.Delete(path);
        }

        AtomicFile.Write(files.Json(BaselineFiles.Verified), json);
        files.DeletePendingExcept([]);
    }

    private static string Write(string path, byte[] bytes, List<string> written)
    {
        AtomicFile.Write(path, bytes);
        written.Add(path);
        return path;
    }

    private static RgbImage LoadVerified(string path)
    {
        try
        {
            return ImageCodec.Load(path);
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
