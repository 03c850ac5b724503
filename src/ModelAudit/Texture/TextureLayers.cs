using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Texture;

/// <summary>Which layers the texture audits read, and each image's Gram matrices there.</summary>
internal static class TextureLayers
{
    /// <summary>The options' layers as tensor names, or up to four conv outputs spread from the first conv to the last.</summary>
    public static string[] Resolve(AuditModel model, TextureOptions options)
    {
        if (options.Layers is { Count: > 0 } named)
        {
            return named.Select(l => model.Graph.ConvLayers.FirstOrDefault(c => c.NodeName == l)?.Output ?? l).ToArray();
        }

        var convs = model.Graph.ConvLayers;
        if (convs.Count == 0)
        {
            throw new ArgumentException($"'{model.Name}' has no conv layer; name the layers to take texture statistics of (TextureOptions.Layers).", nameof(options));
        }

        var picks = convs.Count <= 4 ? Enumerable.Range(0, convs.Count) : Enumerable.Range(0, 4).Select(i => i * (convs.Count - 1) / 3);
        return picks.Distinct().Select(i => convs[i].Output).ToArray();
    }

    /// <summary>Per layer, one Gram matrix per image (one forward pass per image, every layer tapped).</summary>
    public static List<float[]>[] Grams(AuditModel model, IReadOnlyList<RgbImage> images, string[] layers)
    {
        var grams = layers.Select(_ => new List<float[]>()).ToArray();
        foreach (var prediction in model.Predict(images, layers))
        {
            for (var l = 0; l < layers.Length; l++)
            {
                var tap = prediction.Tap(layers[l]);
                if (tap.Shape.Count != 3)
                {
                    throw new ArgumentException($"Layer '{layers[l]}' has shape [{string.Join(", ", tap.Shape)}] per image; Gram matrices need a [C, H, W] feature map.", nameof(layers));
                }

                grams[l].Add(GramMatrix.Of(tap.Values, tap.Shape[0]));
            }
        }

        return grams;
    }
}
