using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Shortcuts;

/// <summary>
/// Looks for a shortcut (a "Clever Hans" cue) with images and labels only, no boxes: per class, where the maps put
/// their evidence across the class's images. A model that reads a fixed mark concentrates every image's evidence in
/// the same few pixels; a model that reads the object follows the object. A suspect region is then tested on the
/// model itself: filled in every image of the class (is it necessary?), kept while everything else is filled (does it
/// suffice?), and pasted into the other classes' images (how often it turns them into the class). Spectral relevance analysis clusters each class's maps, so a cue
/// used by part of a class shows as a concentrated cluster.
/// </summary>
public sealed class ShortcutScan(AuditModel model)
{
    /// <summary>
    /// Scans <paramref name="maps"/>, one per image of <paramref name="images"/> in order (any pixel map at the model's
    /// input resolution: occlusion, saliency, Grad-CAM, …), grouped by the images' labels. Runs the model for the
    /// counterfactuals only: three forward passes per image, plus one per image of the other classes for each class.
    /// </summary>
    public ShortcutScanResult Compute(IReadOnlyList<LabeledImage> images, IReadOnlyList<IPixelMap> maps, ShortcutScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(maps);
        options ??= ShortcutScanOptions.Default;
        options.Validate();
        if (images.Count != maps.Count)
        {
            throw new ArgumentException($"The scan needs one map per image: got {images.Count} image(s) and {maps.Count} map(s).", nameof(maps));
        }

        var (width, height) = (model.Spec.Width, model.Spec.Height);
        foreach (var map in maps)
        {
            if (map.Width != width || map.Height != height)
            {
                throw new ArgumentException($"Maps must be at the model's input size {width}x{height}; got {map.Width}x{map.Height}.", nameof(maps));
            }
        }

        var placed = images.Select(i => model.Spec.Place(i.Image)).ToArray();
        var predicted = Predict(placed);
        var distributions = maps.Select(EvidenceStatistics.Distribution).ToArray();
        var band = Math.Max(1, (int)Math.Round(options.BorderFraction * Math.Min(width, height)));
        var classes = images.Select(i => i.Label).Where(l => l >= 0).Distinct().Order().ToArray();
        var found = new List<ClassEvidence>();
        var forwardPasses = images.Count;
        foreach (var label in classes)
        {
            var members = Enumerable.Range(0, images.Count).Where(i => images[i].Label == label && distributions[i] is not null).ToArray();
            var name = label < options.ClassNames.Count ? options.ClassNames[label] : $"class {label}";
            var (evidence, passes) = Scan(label, name, members, images, placed, predicted, distributions, band, options);
            found.Add(evidence);
            forwardPasses += passes;
        }

        return new ShortcutScanResult(MethodOf(maps), images.Count, found, options, forwardPasses);
    }

    private (ClassEvidence Evidence, int ForwardPasses) Scan(int label, string name, int[] members, IReadOnlyList<LabeledImage> images, RgbImage[] placed, int[] predicted, float[]?[] distributions, int band, ShortcutScanOptions options)
    {
        var (width, height) = (model.Spec.Width, model.Spec.Height);
        var maps = members.Select(i => distributions[i]!).ToArray();
        if (maps.Length == 0)
        {
            return (new ClassEvidence(label, name, width, height, new float[width * height])
            {
                Region = PixelMask.FromPredicate(width, height, (_, _) => false),
                Finding = ShortcutFinding.Inconclusive,
                Reason = "no map of the class holds positive evidence",
            }, 0);
        }

        var mean = EvidenceStatistics.Mean(maps);
        var region = EvidenceStatistics.TopRegion(mean, width, height, options.TopFraction);
        var evidence = new ClassEvidence(label, name, width, height, mean)
        {
            ImageCount = maps.Length,
            Concentration = EvidenceStatistics.Concentration(mean, options.TopFraction),
            Consistency = EvidenceStatistics.Consistency(maps),
            BorderMass = maps.Average(m => EvidenceStatistics.BorderMass(m, width, height, band)),
            Region = region,
            Clusters = Clusters(members, maps, width, height, options),
        };

        var classImages = images.Select((_, i) => i).Where(i => images[i].Label == label).ToArray();
        var others = images.Select((_, i) => i).Where(i => images[i].Label >= 0 && images[i].Label != label).ToArray();
        var filled = Predict(classImages.Select(i => Fill(placed[i], region)).ToArray());
        var regionOnly = Predict(classImages.Select(i => Fill(placed[i], region, inside: false)).ToArray());
        var transplanted = classImages.Length == 0 ? [] : Predict(others.Select((i, k) => Paste(placed[classImages[k % classImages.Length]], placed[i], region)).ToArray());
        evidence = evidence with
        {
            AccuracyBefore = classImages.Average(i => predicted[i] == label ? 1.0 : 0.0),
            AccuracyAfter = filled.Average(p => p == label ? 1.0 : 0.0),
            AccuracyRegionOnly = regionOnly.Average(p => p == label ? 1.0 : 0.0),
            TransplantRate = transplanted.Length == 0 ? double.NaN : transplanted.Average(p => p == label ? 1.0 : 0.0),
        };
        return (Judge(evidence, options), (2 * classImages.Length) + others.Length);
    }

    private static ClassEvidence Judge(ClassEvidence e, ShortcutScanOptions options)
    {
        var numbers = string.Create(CultureInfo.InvariantCulture,
            $"concentration {e.Concentration:0.00} (suspect at {options.MinConcentration:0.00}), consistency {e.Consistency:0.00} (at {options.MinConsistency:0.00}), accuracy {e.AccuracyBefore:0.00} → {e.AccuracyAfter:0.00} with {e.Region.Bounds} filled and {e.AccuracyRegionOnly:0.00} with all but it filled (either confirms within {options.MinAccuracyDrop:0.00})");
        var concentrated = Math.Max(e.Concentration, e.DominantClusterConcentration is var d && double.IsNaN(d) ? 0 : d) >= options.MinConcentration;
        if (e.ImageCount < options.MinImagesPerClass)
        {
            return e with { Finding = ShortcutFinding.Inconclusive, Reason = $"{e.ImageCount} map(s) with evidence, fewer than {options.MinImagesPerClass}" };
        }

        if (!(concentrated && e.Consistency >= options.MinConsistency))
        {
            return e with { Finding = ShortcutFinding.Clear, Reason = "evidence not fixed in one region: " + numbers };
        }

        if (!(e.AccuracyBefore > 0))
        {
            return e with { Finding = ShortcutFinding.Inconclusive, Reason = "suspect region, but no image of the class is predicted correctly, so occluding it cannot cost accuracy: " + numbers };
        }

        // Necessary (filling it costs the class) or sufficient (the class survives with everything else filled): either
        // way the region decides the class. A class the model falls back to on an empty image needs only the second.
        var necessary = e.AccuracyDrop >= options.MinAccuracyDrop;
        var sufficient = e.AccuracyBefore - e.AccuracyRegionOnly <= options.MinAccuracyDrop;
        return necessary || sufficient
            ? e with { Finding = ShortcutFinding.Shortcut, Reason = (necessary ? "the region is necessary" : "the region alone suffices") + ": " + numbers }
            : e with { Finding = ShortcutFinding.Clear, Reason = "suspect region, but the model neither needs it nor can do with it alone: " + numbers };
    }

    private static List<EvidenceCluster> Clusters(int[] members, float[][] maps, int width, int height, ShortcutScanOptions options)
    {
        // Clusters are found on coarse maps, so the same cue a pixel or two apart still groups together.
        var grid = options.ClusterGrid;
        var coarse = maps.Select(m => EvidenceStatistics.Downsample(m, width, height, grid, grid)).ToArray();
        var partition = SpectralClustering.Cluster(coarse, options.Neighbours, options.MaxClusters, options.Seed);
        return Enumerable.Range(0, partition.ClusterCount)
            .Select(c => Enumerable.Range(0, maps.Length).Where(i => partition.Assignment[i] == c).ToArray())
            .Where(m => m.Length > 0)
            .Select(m =>
            {
                var mean = EvidenceStatistics.Mean(m.Select(i => maps[i]).ToArray());
                return new EvidenceCluster(m.Select(i => members[i]).ToArray(), mean, EvidenceStatistics.Concentration(mean, options.TopFraction));
            })
            .OrderByDescending(c => c.Members.Count).ThenBy(c => c.Members[0])
            .ToList();
    }

    private int[] Predict(RgbImage[] images) => images.Length == 0 ? [] : model.Predict(images).Select(p => p.Top1).ToArray();

    /// <summary>The image with the region (or, with <paramref name="inside"/> false, everything but the region) in the image's mean colour.</summary>
    internal static RgbImage Fill(RgbImage image, PixelMask region, bool inside = true)
    {
        var colour = ImageOps.MeanColour(image);
        return RgbImage.Create(image.Width, image.Height, (x, y) => region.Contains(x, y) == inside ? colour : image[x, y]);
    }

    private static RgbImage Paste(RgbImage from, RgbImage into, PixelMask region) =>
        RgbImage.Create(into.Width, into.Height, (x, y) => region.Contains(x, y) ? from[x, y] : into[x, y]);

    private static string MethodOf(IReadOnlyList<IPixelMap> maps) => (maps.Count == 0 ? null : maps[0]) switch
    {
        Gradients.AttributionMap a => a.Method,
        Occlusion.OcclusionMap => "occlusion",
        null => "none",
        var other => other.GetType().Name,
    };
}
