using System.Globalization;
using ModelAudit.Models;
using ModelAudit.Reporting;
using ModelAudit.Texture;

namespace ModelAudit.Auditing;

/// <summary>
/// The texture audit's second half, for <c>modelaudit compare</c>: on the two models the compared runs loaded, the
/// drift of each layer's Gram matrices on the same images, gated by <see cref="TextureConfig.MaxDrift"/> in place of
/// the check a one-model run could not measure.
/// </summary>
internal static class TextureComparison
{
    /// <summary>Whether the config's texture audit measures drift, so <c>compare</c> must keep both models for it.</summary>
    public static bool Applies(AuditConfig config) => Texture(config) is not null;

    public static AuditRun Apply(AuditConfig config, AuditModel baseline, AuditModel candidate, AuditRun comparison)
    {
        if (Texture(config) is not { } texture)
        {
            return comparison;
        }

        var images = AuditRunner.LoadImages(config).Take(texture.MaxImages).Select(i => i.Image).ToArray();
        var drift = new TextureDrift(baseline, candidate).Compute(images, texture.Options);
        var details = string.Create(CultureInfo.InvariantCulture, $"{images.Length} images; {drift}");
        var checks = comparison.Checks.Where(c => !(c.Audit == "texture" && c.Name == TextureConfig.DriftCheck)).ToList();
        if (texture.MaxDrift is { } max)
        {
            checks.Add(CheckResult.Of("texture", TextureConfig.DriftCheck, drift.MaxDistance, Comparison.AtMost, max, details, texture.AllowInconclusive));
        }

        var section = new ReportSection(
            "Texture drift",
            "Per layer, the mean relative Frobenius distance ‖G_candidate − G_baseline‖ / ‖G_baseline‖ between the two models' Gram matrices of each image: how far the texture representation moved.",
            drift.Layers.Select((l, i) => (Key: string.Create(CultureInfo.InvariantCulture, $"layer{i}_drift"), Value: l.Distance)).ToDictionary(p => p.Key, p => p.Value),
            [])
        {
            Tables = [new ReportTable("Per layer", ["layer", "drift"], drift.Layers.Select(l => (IReadOnlyList<string>)[l.Layer, CellNumber.Format(l.Distance, 3)]).ToArray())],
        };
        return comparison with { Checks = checks, Sections = [.. comparison.Sections, section] };
    }

    private static TextureConfig? Texture(AuditConfig config) =>
        config.Audits.OfType<TextureConfig>().FirstOrDefault() is { MaxImages: > 0 } texture ? texture : null;
}
