using System.Globalization;
using ModelAudit.Reporting;
using ModelAudit.Texture;

namespace ModelAudit.Auditing;

/// <summary>
/// The texture audit's second half, for <c>modelaudit compare</c>: with both models loaded, the drift of each layer's
/// Gram matrices on the same images, gated by <see cref="TextureConfig.MaxDrift"/> in place of the check a one-model
/// run could not measure.
/// </summary>
internal static class TextureComparison
{
    public static AuditRun Apply(AuditConfig config, string baselineModel, string candidateModel, AuditRun comparison)
    {
        if (config.Audits.OfType<TextureConfig>().FirstOrDefault() is not { } texture || texture.MaxImages == 0)
        {
            return comparison;
        }

        var all = AuditRunner.LoadImages(config);
        var images = all.Take(texture.MaxImages).Select(i => i.Image).ToArray();
        using var baseline = OpenedModel.Open(config with { Model = baselineModel }, all, new AuditRunOptions().Threads);
        using var candidate = OpenedModel.Open(config with { Model = candidateModel }, all, new AuditRunOptions().Threads);
        var drift = new TextureDrift(baseline.Model, candidate.Model).Compute(images, texture.Options);
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
}
