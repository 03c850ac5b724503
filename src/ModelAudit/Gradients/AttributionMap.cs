using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Gradients;

/// <summary>
/// A per-pixel attribution at the model's input resolution: how much each pixel counts for the target (<see cref="TargetName"/>)
/// by <see cref="Method"/>. Row-major, <see cref="Width"/>×<see cref="Height"/>; saliency-style maps are non-negative,
/// integrated gradients are signed. <see cref="Diagnostics"/> holds method-specific numbers (e.g. completeness error).
/// </summary>
public sealed record AttributionMap : ISnapshotSource, IPixelMap
{
    private readonly float[] _values;

    /// <summary>
    /// Wraps a map made elsewhere (another library, a method of your own) so that the metrics, the randomisation check
    /// and the faithfulness audits can read it. The map has <paramref name="image"/>'s size, which must be the model's
    /// input size for audits that run the model; <paramref name="values"/> are copied, row-major, one per pixel, finite.
    /// </summary>
    /// <param name="method">How the map was made, e.g. <c>lime</c>; shown in reports.</param>
    /// <param name="image">The explained image, as the model sees it.</param>
    /// <param name="targetName">What was explained, e.g. "class 3".</param>
    /// <param name="values">Width × height values, row-major; larger means more evidence.</param>
    public AttributionMap(string method, RgbImage image, string targetName, float[] values)
        : this(method, image, -1, targetName, float.NaN, Checked(image).Width, image.Height, Finite(values))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(targetName);
    }

    internal AttributionMap(string method, RgbImage image, Targets.TargetReading target, float score, int width, int height, float[] values, IReadOnlyDictionary<string, double>? diagnostics = null)
        : this(method, image, target.Class, target.Label, score, width, height, values, diagnostics)
    {
    }

    internal AttributionMap(string method, RgbImage image, int targetClass, string targetName, float score, int width, int height, float[] values, IReadOnlyDictionary<string, double>? diagnostics = null)
    {
        if (values.Length != width * height)
        {
            throw new ArgumentException($"A {width}x{height} map needs {width * height} values, got {values.Length}.", nameof(values));
        }

        (Method, Image, TargetClass, TargetName, Score, Width, Height, _values) = (method, image, targetClass, targetName, score, width, height, values);
        Diagnostics = diagnostics ?? new Dictionary<string, double>();
    }

    /// <summary>How the map was made, e.g. <c>saliency</c>, <c>guided-backprop</c>, <c>grad-cam(conv3)</c>.</summary>
    public string Method { get; }

    /// <summary>The explained image at the model's input size.</summary>
    public RgbImage Image { get; }

    /// <summary>The class explained, or −1 when the target is not a class (and for maps wrapped by the public constructor).</summary>
    public int TargetClass { get; }

    /// <summary>What was explained on this image, e.g. "class 3", "text 'HELLO'" or "mean of channel 0 in the box (…)".</summary>
    public string TargetName { get; }

    /// <summary>The target's score for the image: a class's logit, a dense target's mean, a text's log-probability; NaN when not known.</summary>
    public float Score { get; }

    public int Width { get; }

    public int Height { get; }

    public IReadOnlyList<float> Values => _values;

    public IReadOnlyDictionary<string, double> Diagnostics { get; }

    public float this[int x, int y] => _values[(y * Width) + x];

    /// <summary>The pixel with the largest value (first in row-major order on ties).</summary>
    public (int X, int Y) Peak => PixelMapMetrics.ArgMax(_values, Width);

    internal ReadOnlySpan<float> Span => _values;

    ReadOnlySpan<float> IPixelMap.Values => _values;

    /// <summary>The map alone, Viridis, scaled from 0 (or the minimum when negative) to its maximum.</summary>
    public RgbImage RenderHeatmap() => AttributionRendering.Heatmap(this);

    /// <summary>
    /// The heatmap blended over the image, so evidence can be seen on the object; <paramref name="box"/>, when given —
    /// the region a metric such as mass inside was measured in — outlined dashed cyan and black.
    /// </summary>
    public RgbImage RenderOverlay(PixelBox? box = null) => AttributionRendering.Overlay(this, box);

    private static RgbImage Checked(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image;
    }

    private static float[] Finite(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var index = Array.FindIndex(values, v => !float.IsFinite(v));
        return index < 0
            ? (float[])values.Clone()
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Map values must be finite, but value {index} is {values[index]}."), nameof(values));
    }

    public Snapshot ToSnapshot()
    {
        var metrics = new Dictionary<string, double>(Diagnostics, StringComparer.Ordinal)
        {
            ["target_class"] = TargetClass,
            ["score"] = Score,
            ["peak_x"] = Peak.X,
            ["peak_y"] = Peak.Y,
            ["positive_mass"] = PixelMapMetrics.PositiveMass(this),
        };
        return Snapshot.Of(metrics, ("map", RenderHeatmap()), ("overlay", RenderOverlay()));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Method} map {Width}x{Height} for {TargetName} (peak at {Peak.X},{Peak.Y})");
}
