using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>An image with its class and, when known, where the object is and the text it shows.</summary>
/// <param name="Id">A name for reports, usually the file's.</param>
/// <param name="Image">The pixels.</param>
/// <param name="Label">The class index, or −1 when the image has none (e.g. a text line for a recogniser).</param>
/// <param name="Box">Where the object is.</param>
/// <param name="Mask">The object's exact pixels.</param>
/// <param name="Text">The text the image shows, for recognisers.</param>
public sealed record LabeledImage(string Id, RgbImage Image, int Label, PixelBox? Box = null, PixelMask? Mask = null, string? Text = null)
{
    public static LabeledImage From(ShapeSample sample) => new(sample.Id, sample.Image, sample.Label, sample.Box, sample.Mask);
}
