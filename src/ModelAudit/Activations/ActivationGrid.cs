using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Activations;

/// <summary>
/// Every channel of one layer for one input, as a grid of small maps (CS231n's AlexNet cat): each channel
/// normalised on its own; a channel that is constant (e.g. all zero after ReLU) renders as the colormap's bottom.
/// </summary>
public static class ActivationGrid
{
    /// <param name="tap">One image's activation of a <c>[C, H, W]</c> layer, e.g. <c>model.Predict(image, "relu1").Tap("relu1")</c>.</param>
    /// <param name="colormap">Default <see cref="Colormap.Viridis"/>.</param>
    public static RgbImage Render(TensorValue tap, Colormap? colormap = null)
    {
        ArgumentNullException.ThrowIfNull(tap);
        if (tap.Shape.Count != 3)
        {
            throw new ArgumentException($"The activation has per-image shape [{string.Join(",", tap.Shape)}]; an activation grid needs a [C, H, W] feature map.", nameof(tap));
        }

        var (channels, h, w) = (tap.Shape[0], tap.Shape[1], tap.Shape[2]);
        var map = colormap ?? Colormap.Viridis;
        var tiles = new RgbImage[channels];
        for (var c = 0; c < channels; c++)
        {
            tiles[c] = map.Render(tap.Channel(c), w, h);
        }

        // Small maps (deep layers) are enlarged to about 48 pixels so their structure is visible.
        var scale = Math.Max(1, (int)Math.Ceiling(48.0 / Math.Max(h, w)));
        var columns = (int)Math.Ceiling(Math.Sqrt(channels * (double)h / w));
        return TileGrid.Compose(tiles, Math.Clamp(columns, 1, channels), scale, gap: 2, background: new Rgb(255, 255, 255));
    }
}
