using System.Globalization;
using ModelAudit.Snapshots;

namespace ModelAudit.Faithfulness;

/// <summary>The outcome of <see cref="MaxSensitivity"/>: per image, the largest relative change of the map under small noise.</summary>
/// <param name="Method">How the maps were made, from the first image's map.</param>
/// <param name="PerImage">max ‖Φ(x + δ) − Φ(x)‖₂ / ‖Φ(x)‖₂ per image; NaN where the clean map is all zeros.</param>
/// <param name="Samples">Noisy copies per image.</param>
/// <param name="Radius">The noise's half-width, as a share of the 0..255 pixel range.</param>
public sealed record MaxSensitivityResult(string Method, IReadOnlyList<double> PerImage, int Samples, double Radius) : ISnapshotSource
{
    public int ImageCount => PerImage.Count;

    /// <summary>The mean over the images with a clean map that is not all zeros; NaN when there are none.</summary>
    public double Mean => PerImage.Any(double.IsFinite) ? PerImage.Where(double.IsFinite).Average() : double.NaN;

    /// <summary>The largest over the images (NaN images skipped); NaN when there are none.</summary>
    public double Max => PerImage.Any(double.IsFinite) ? PerImage.Where(double.IsFinite).Max() : double.NaN;

    public Snapshot ToSnapshot()
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["mean_sensitivity"] = Mean,
            ["max_sensitivity"] = Max,
            ["image_count"] = ImageCount,
            ["samples"] = Samples,
            ["radius"] = Radius,
        };
        for (var i = 0; i < PerImage.Count; i++)
        {
            metrics[string.Create(CultureInfo.InvariantCulture, $"image_{i:000}")] = PerImage[i];
        }

        return Snapshot.Of(metrics);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Method} on {ImageCount} image(s): max-sensitivity {Mean:0.000} mean, {Max:0.000} worst ({Samples} samples of ±{Radius * 255:0.#} levels; per image {string.Join(", ", PerImage.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))})");
}
