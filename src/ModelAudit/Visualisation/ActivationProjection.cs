using ModelAudit.Activations;
using ModelAudit.Imaging;

namespace ModelAudit.Visualisation;

/// <summary>
/// One strong activation projected back to pixel space by the deconvnet: <see cref="Map"/> is, per input pixel, the
/// largest |value| over the model channels of the projection (row-major, <see cref="Width"/>×<see cref="Height"/>);
/// <see cref="Projection"/> shows the signed projection in colour, cropped to the patch's receptive field.
/// </summary>
public sealed record ActivationProjection : IPixelMap
{
    private readonly float[] _map;

    internal ActivationProjection(ActivationPatch patch, int width, int height, float[] map, RgbImage projection)
    {
        (Patch, Width, Height, _map, Projection) = (patch, width, height, map, projection);
        Peak = PixelMapMetrics.ArgMax(map, width);
        MassInsideField = PixelMapMetrics.Share(this, patch.Box.Contains);
    }

    /// <summary>The activation: channel, probe, position, value, receptive-field box and image patch.</summary>
    public ActivationPatch Patch { get; }

    public int Width { get; }

    public int Height { get; }

    public IReadOnlyList<float> Map => _map;

    /// <summary>The projection in colour (grey is zero), cropped to <see cref="ActivationPatch.Box"/>.</summary>
    public RgbImage Projection { get; }

    /// <summary>Share of the map's mass inside the receptive field of the seeded position: 1 by construction.</summary>
    public double MassInsideField { get; }

    /// <summary>The pixel with the largest value (first in row-major order on ties).</summary>
    public (int X, int Y) Peak { get; }

    ReadOnlySpan<float> IPixelMap.Values => _map;

    public float this[int x, int y] => _map[(y * Width) + x];
}
