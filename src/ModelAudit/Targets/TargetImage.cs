using ModelAudit.Datasets;
using ModelAudit.Imaging;

namespace ModelAudit.Targets;

/// <summary>
/// What a target may need to know about one image, in the image's own coordinates: its labelled class, where the
/// object is (a box or a mask), and its text. Each is optional; a target that needs one the image lacks says so.
/// </summary>
/// <param name="Width">The image's width.</param>
/// <param name="Height">The image's height.</param>
/// <param name="Label">The labelled class, if any.</param>
/// <param name="Box">Where the object is, if known.</param>
/// <param name="Mask">The object's exact pixels, if known (used before the box).</param>
/// <param name="Text">The text the image shows, for recognisers, if known.</param>
public sealed record TargetImage(int Width, int Height, int? Label = null, PixelBox? Box = null, PixelMask? Mask = null, string? Text = null)
{
    /// <summary>An image that brings nothing but its size.</summary>
    public static TargetImage Of(RgbImage image) => new(image.Width, image.Height);

    /// <summary>An image with its label, box, mask and text.</summary>
    public static TargetImage Of(LabeledImage image) =>
        new(image.Image.Width, image.Image.Height, image.Label >= 0 ? image.Label : null, image.Box, image.Mask, image.Text);
}
