using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>One generated image with its ground truth.</summary>
/// <param name="Image">The RGB image.</param>
/// <param name="Label">The class index, a <see cref="ShapeKind"/> value.</param>
/// <param name="ClassName">The lower-case class name, e.g. <c>"circle"</c>.</param>
/// <param name="Box">The tight bounding box of the object's pixels.</param>
/// <param name="Mask">Exactly the object's pixels.</param>
/// <param name="Mark">The shortcut mark's box when one is drawn; otherwise null.</param>
/// <param name="Id">A stable identifier made of the seed and the index, e.g. <c>"s1-000042"</c>.</param>
public sealed record ShapeSample(
    RgbImage Image,
    int Label,
    string ClassName,
    PixelBox Box,
    PixelMask Mask,
    PixelBox? Mark,
    string Id)
{
    public ShapeKind Kind => (ShapeKind)Label;
}
