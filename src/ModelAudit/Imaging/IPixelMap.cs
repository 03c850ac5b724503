namespace ModelAudit.Imaging;

/// <summary>
/// A per-pixel map at the model's input resolution (occlusion, gradient attribution, projections): what the shared
/// localisation metrics in <see cref="PixelMapMetrics"/> read.
/// </summary>
internal interface IPixelMap
{
    int Width { get; }

    int Height { get; }

    /// <summary>Row-major, <see cref="Width"/>×<see cref="Height"/>.</summary>
    ReadOnlySpan<float> Values { get; }

    /// <summary>The pixel the map points at; each map type decides how ties are broken.</summary>
    (int X, int Y) Peak { get; }
}
