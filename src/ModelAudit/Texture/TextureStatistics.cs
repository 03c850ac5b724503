using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Texture;

/// <summary>
/// Texture statistics per layer (Gatys et al.'s style representation): each image's Gram matrices at the chosen
/// layers, averaged over the images, with their spectra and the images' spread around the mean. One forward pass per
/// image, all layers tapped at once.
/// </summary>
public sealed class TextureStatistics(AuditModel model)
{
    public TextureStatisticsResult Compute(IReadOnlyList<RgbImage> images, TextureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("Texture statistics need at least one image.", nameof(images));
        }

        var layers = TextureLayers.Resolve(model, options ?? TextureOptions.Default);
        var grams = TextureLayers.Grams(model, images, layers);
        return new TextureStatisticsResult(images.Count, layers.Select((layer, l) =>
        {
            var mean = Mean(grams[l]);
            var channels = (int)Math.Round(Math.Sqrt(mean.Length));
            return new LayerTexture(layer, channels, mean, GramMatrix.Spectrum(mean, channels), grams[l].Average(g => GramMatrix.RelativeDistance(g, mean)));
        }).ToArray());
    }

    internal static float[] Mean(IReadOnlyList<float[]> grams)
    {
        var mean = new double[grams[0].Length];
        foreach (var g in grams)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += g[i];
            }
        }

        return mean.Select(v => (float)(v / grams.Count)).ToArray();
    }
}
