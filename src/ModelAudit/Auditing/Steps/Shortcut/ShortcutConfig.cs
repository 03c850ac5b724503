using ModelAudit.Shortcuts;

namespace ModelAudit.Auditing;

/// <summary>
/// The <c>shortcut</c> audit: looks for a class whose evidence sits in one small fixed region of its images — a
/// watermark, a corner tag, a border — with labels only, no boxes (<see cref="ShortcutScan"/>), and confirms it by
/// occluding that region. Gated by default: a class found reading a shortcut fails the run.
/// </summary>
public sealed record ShortcutConfig : AuditSection
{
    /// <summary>
    /// The maps scanned, explaining each image's labelled class: <c>"saliency"</c> (the default: one backward pass per
    /// image), <c>"occlusion"</c> (a window of an eighth of the side at half-window steps: ~225 forward passes per
    /// image, and the most faithful on the fixtures), <c>"grad_cam"</c>, <c>"guided_backprop"</c>,
    /// <c>"deconvnet"</c>, <c>"integrated_gradients"</c>, <c>"smoothgrad"</c>, <c>"rise"</c> (a forward pass per mask: 500
    /// per image by default) or <c>"lrp"</c> (one backward pass per image); RISE's and LRP's options are the top-level
    /// <c>methods</c> section's.
    /// </summary>
    [ConfigValues(typeof(MapMethods), nameof(MapMethods.Names))]
    public string Method { get; init; } = "saliency";

    /// <summary>How many labelled images are scanned (images without a class label do not count). Default 64; 0 disables the audit.</summary>
    public int MaxImages { get; init; } = 64;

    /// <summary>The suspect region's share of the pixels (<see cref="ShortcutScanOptions.TopFraction"/>). Default 0.05.</summary>
    public double TopFraction { get; init; } = ShortcutScanOptions.Default.TopFraction;

    /// <summary>Share of a class's mean evidence in the region that makes it suspect (<see cref="ShortcutScanOptions.MinConcentration"/>). Default 0.4.</summary>
    public double MinConcentration { get; init; } = ShortcutScanOptions.Default.MinConcentration;

    /// <summary>Agreement of a class's maps that makes it suspect (<see cref="ShortcutScanOptions.MinConsistency"/>). Default 0.5.</summary>
    public double MinConsistency { get; init; } = ShortcutScanOptions.Default.MinConsistency;

    /// <summary>Accuracy a suspect class must lose with its region occluded to be found reading a shortcut. Default 0.25.</summary>
    public double MinAccuracyDrop { get; init; } = ShortcutScanOptions.Default.MinAccuracyDrop;

    /// <summary>Classes with fewer scanned images are inconclusive. Default 4.</summary>
    public int MinImagesPerClass { get; init; } = ShortcutScanOptions.Default.MinImagesPerClass;

    /// <summary>Gate: how many classes may be found reading a shortcut. Default 0.</summary>
    [ConfigSuggested(0)]
    public int MaxShortcutClasses { get; init; }

    /// <summary>
    /// Gate per class instead: the share of classes (0..1) that must be found clear. Replaces
    /// <see cref="MaxShortcutClasses"/> when set.
    /// </summary>
    public double? MinPassRate { get; init; }

    /// <summary>Gate: the mean share of evidence in the border band (a tenth of the shorter side), 0..1. Default none.</summary>
    public double? MaxBorderMass { get; init; }

    internal ShortcutScanOptions ScanOptions(IReadOnlyList<string> classes) => new()
    {
        TopFraction = TopFraction,
        MinConcentration = MinConcentration,
        MinConsistency = MinConsistency,
        MinAccuracyDrop = MinAccuracyDrop,
        MinImagesPerClass = MinImagesPerClass,
        ClassNames = classes,
    };

    internal override void Validate(ConfigCheck check)
    {
        if (!MapMethods.Names.ContainsKey(Method))
        {
            check.Fail("method", $"is '{Method}'; use {MapMethods.Spellings}.");
        }

        check.Range("max_images", MaxImages, 0, 100_000);
        check.Range("top_fraction", TopFraction, 0.001, 0.5);
        check.Range("min_concentration", MinConcentration, 0, 1);
        check.Range("min_consistency", MinConsistency, -1, 1);
        check.Range("min_accuracy_drop", MinAccuracyDrop, 0, 1);
        check.Range("min_images_per_class", MinImagesPerClass, 2, 100_000);
        // One of the two class gates is always on: the count of shortcut classes, or the share of clear ones.
        check.Threshold(MinPassRate is null ? "max_shortcut_classes" : "min_pass_rate", MinPassRate ?? MaxShortcutClasses, 0, MinPassRate is null ? 100_000 : 1);
        check.Threshold("max_border_mass", MaxBorderMass, 0, 1);
    }
}
