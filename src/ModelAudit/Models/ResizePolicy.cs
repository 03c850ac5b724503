namespace ModelAudit.Models;

/// <summary>
/// How an image whose size differs from the model's input becomes that size (<see cref="InputSpec.Resize"/>). Every
/// policy but <see cref="Stretch"/> keeps the image's aspect ratio; where a policy pads, it pads with
/// <see cref="InputSpec.Pad"/>. Boxes and masks follow the same placement (<see cref="ImagePlacement"/>).
/// </summary>
public enum ResizePolicy
{
    /// <summary>Resize to the input size; the aspect ratio changes when the image's differs from the input's. The default.</summary>
    Stretch,

    /// <summary>Scale to fit inside the input, keeping the aspect ratio, centred, and pad the rest.</summary>
    Letterbox,

    /// <summary>
    /// Scale to the input's height, keeping the aspect ratio, left-aligned, and pad on the right (text-line recognisers).
    /// A line wider than the input after scaling is narrowed to the input's width, which changes its aspect ratio.
    /// </summary>
    FitHeight,

    /// <summary>Scale so the image covers the input, keeping the aspect ratio, and cut off what overhangs on both sides.</summary>
    CropCenter,

    /// <summary>As <see cref="CropCenter"/>, but an image taller than the input keeps its top (ML.NET's crop anchor <c>Top</c>).</summary>
    CropTop,

    /// <summary>As <see cref="CropCenter"/>, but an image taller than the input keeps its bottom.</summary>
    CropBottom,

    /// <summary>As <see cref="CropCenter"/>, but an image wider than the input keeps its left side.</summary>
    CropLeft,

    /// <summary>As <see cref="CropCenter"/>, but an image wider than the input keeps its right side.</summary>
    CropRight,
}
