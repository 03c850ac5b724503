using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>An image with its class and, when known, where the object is.</summary>
public sealed record LabeledImage(string Id, RgbImage Image, int Label, PixelBox? Box = null, PixelMask? Mask = null)
{
    public static LabeledImage From(ShapeSample sample) => new(sample.Id, sample.Image, sample.Label, sample.Box, sample.Mask);
}
