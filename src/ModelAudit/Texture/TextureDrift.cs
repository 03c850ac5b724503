using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Texture;

/// <summary>
/// How far a candidate model's texture statistics moved from a baseline's on the same images (e.g. after retraining):
/// per layer, the relative Frobenius distance between the two models' Gram matrices of each image, averaged. The
/// layers must have the same names and channel counts in both models.
/// </summary>
public sealed class TextureDrift(AuditModel baseline, AuditModel candidate)
{
    public TextureDriftResult Compute(IReadOnlyList<RgbImage> images, TextureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        options ??= TextureOptions.Default;
        var layers = TextureLayers.Resolve(baseline, options);
        var before = TextureLayers.Grams(baseline, images, layers);
        var after = TextureLayers.Grams(candidate, images, layers);
        return new TextureDriftResult(images.Count, layers.Select((layer, l) =>
        {
            if (before[l][0].Length != after[l][0].Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Layer '{layer}' has {Math.Sqrt(before[l][0].Length):0} channels in the baseline and {Math.Sqrt(after[l][0].Length):0} in the candidate; texture drift compares like layers."), nameof(options));
            }

            return new LayerDrift(layer, before[l].Zip(after[l], (b, a) => GramMatrix.RelativeDistance(a, b)).Average());
        }).ToArray());
    }
}

/// <summary>One layer's texture drift: the mean relative distance between the models' Gram matrices of each image.</summary>
public sealed record LayerDrift(string Layer, double Distance);

/// <summary>The outcome of <see cref="TextureDrift"/>: one <see cref="LayerDrift"/> per layer.</summary>
public sealed record TextureDriftResult(int ImageCount, IReadOnlyList<LayerDrift> Layers)
{
    /// <summary>The largest drift over the layers.</summary>
    public double MaxDistance => Layers.Max(l => l.Distance);

    public override string ToString() => string.Join("; ", Layers.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Layer} {l.Distance:0.000}")));
}
