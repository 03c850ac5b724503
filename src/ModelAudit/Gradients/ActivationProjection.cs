using ModelAudit.Activations;
using ModelAudit.Imaging;

namespace ModelAudit.Gradients;

/// <summary>
/// One strong activation projected back to pixel space by the deconvnet: <see cref="Map"/> is, per input pixel, the
/// largest |value| over the model channels of the projection (row-major, <see cref="Width"/>×<see cref="Height"/>);
/// <see cref="Projection"/> shows the signed projection in colour, cropped to the patch's receptive field.
/// </summary>
public sealed record ActivationProjection
{
    private readonly float[] _map;

    internal ActivationProjection(ActivationPatch patch, int width, int height, float[] map, RgbImage projection)
    {
        (Patch, Width, Height, _map, Projection) = (patch, width, height, map, projection);
        var inside = 0.0;
        var total = 0.0;
        for (var p = 0; p < map.Length; p++)
        {
            total += map[p];
            inside += patch.Box.Contains(p % width, p / width) ? map[p] : 0;
        }

        MassInsideField = total > 0 ? inside / total : 0;
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

    public float this[int x, int y] => _map[(y * Width) + x];
}
