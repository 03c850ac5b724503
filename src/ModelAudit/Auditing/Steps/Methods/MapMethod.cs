using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Auditing;

/// <summary>
/// One map method a config can name: its spelling, its name in reports, how it makes one map per image for a target
/// with the config's <c>methods</c> options, and, for a method with options and a number that says how far to trust a
/// map, those (<see cref="Settings"/>, <see cref="Reliability"/>).
/// </summary>
/// <param name="Spelling">The name in configs, e.g. <c>"grad_cam"</c>.</param>
/// <param name="Name">The name in reports, e.g. <c>"Grad-CAM"</c>.</param>
/// <param name="Compute">The maps of the images; the progress callback is told how many are done, by methods that run one image at a time.</param>
internal sealed record MapMethod(
    string Spelling,
    string Name,
    Func<AuditModel, IReadOnlyList<LabeledImage>, Target?, MethodsConfig, Action<int>?, IReadOnlyList<IPixelMap>> Compute)
{
    /// <summary>The method's settings in words, from the config's <c>methods</c> section; null for a method without options.</summary>
    public Func<MethodsConfig, string>? Settings { get; init; }

    /// <summary>The diagnostic every map of this method carries that says how far to trust it; null when it has none.</summary>
    public MapReliability? Reliability { get; init; }
}
