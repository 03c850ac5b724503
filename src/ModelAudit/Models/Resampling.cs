namespace ModelAudit.Models;

/// <summary>How pixels are computed when an image is resized to the input (<see cref="InputSpec.Resampling"/>).</summary>
public enum Resampling
{
    /// <summary>Bilinear between pixel centres; sizes and offsets rounded to whole pixels. The default.</summary>
    Bilinear,

    /// <summary>
    /// As ML.NET's <c>ResizeImages</c> does it (Microsoft.ML.ImageAnalytics 6, SkiaSharp): the nearest pixel for
    /// <see cref="ResizePolicy.Stretch"/> (<c>Fill</c>); Skia's Mitchell cubic for <see cref="ResizePolicy.Letterbox"/>
    /// (<c>IsoPad</c>) and the crops (<c>IsoCrop</c>), into a rectangle whose size and offset are truncated to whole
    /// pixels, on black. With <see cref="ChannelOrder.Gray"/>, grey is ML.NET's <c>ConvertToGrayscale</c>
    /// (0.3 R + 0.59 G + 0.11 B, rounded to a byte). Specs derived from an ML.NET pipeline use it.
    /// </summary>
    MLNet,
}
