namespace ModelAudit.Imaging;

/// <summary>
/// A per-pixel map at the model's input resolution (occlusion, gradient attribution, deconvnet projections): what
/// the localisation metrics in <see cref="PixelMapMetrics"/> and the pixel-map assertions read.
/// </summary>
public interface IPixelMap
{
    int Width { get; }

    int Height { get; }

    /// <summary>Row-major, <see cref="Width"/>×<see cref="Height"/>.</summary>
    ReadOnlySpan<float> Values { get; }

    /// <summary>
    /// The pixel the map points at. Each map type breaks ties its own way (an occlusion map's plateaus are many
    /// pixels wide, so it takes the one nearest their centroid; attribution maps take the first in row-major order),
    /// and the pointing game uses this pixel as it is.
    /// </summary>
    (int X, int Y) Peak { get; }
}
