using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Occlusion;

/// <summary>
/// The result of occluding one image: the target's score for every window position (the coarse grid), and the
/// attribution map at the model's input resolution, where each pixel holds the mean drop of all windows covering it,
/// in the units of <see cref="Score"/>. Positive values mark evidence for the target. Immutable.
/// </summary>
public sealed class OcclusionMap : ISnapshotSource, IPixelMap
{
    private readonly float[] _attribution;
    private readonly OcclusionWindow[] _windows;
    private readonly int[] _xs;
    private readonly int[] _ys;

    internal OcclusionMap(RgbImage image, int targetClass, string targetName, int predictedClass, double baseProbability, double baseScore, int[] xs, int[] ys, OcclusionWindow[] windows, float[] attribution, OcclusionOptions options, OcclusionApproximation? approximation = null)
    {
        Image = image;
        TargetClass = targetClass;
        TargetName = targetName;
        PredictedClass = predictedClass;
        BaseProbability = baseProbability;
        BaseScore = baseScore;
        _xs = xs;
        _ys = ys;
        _windows = windows;
        _attribution = attribution;
        Options = options;
        Approximation = approximation;
        MostDamaging = windows.MaxBy(w => w.Drop);
        Peak = FindPeak(attribution, image.Width);
    }

    /// <summary>The image as the model saw it (resized to the model's input size when it differed).</summary>
    public RgbImage Image { get; }

    public int Width => Image.Width;

    public int Height => Image.Height;

    /// <summary>The class whose score was watched, or −1 when the target is not a class (<see cref="IsClassTarget"/>).</summary>
    public int TargetClass { get; }

    /// <summary>What was watched on this image, e.g. "class 3", "text 'HELLO'" or "mean of channel 0 in the box (…)".</summary>
    public string TargetName { get; }

    /// <summary>True when a class's score was watched; otherwise a dense, sequence or custom target's value.</summary>
    public bool IsClassTarget => TargetClass >= 0;

    /// <summary>The top-1 class of the unoccluded image; −1 when the target is not a class.</summary>
    public int PredictedClass { get; }

    /// <summary>The target's probability on the unoccluded image; NaN when the target is not a class.</summary>
    public double BaseProbability { get; }

    /// <summary>
    /// What the map's values, <see cref="BaseScore"/> and <see cref="MaxDrop"/> measure for a class target
    /// (<see cref="OcclusionOptions.Score"/>); other targets are measured on their own scale.
    /// </summary>
    public OcclusionScore Score => Options.Score;

    /// <summary>The target's score on the unoccluded image, in the units of <see cref="Score"/> (equal to <see cref="BaseProbability"/> for the probability score).</summary>
    public double BaseScore { get; }

    /// <summary>Left edges of the window columns, ascending.</summary>
    public IReadOnlyList<int> XPositions => _xs;

    /// <summary>Top edges of the window rows, ascending.</summary>
    public IReadOnlyList<int> YPositions => _ys;

    /// <summary>Every window position, row by row (top to bottom, then left to right).</summary>
    public IReadOnlyList<OcclusionWindow> Windows => _windows;

    /// <summary>The window whose occlusion lowered the target's score most (the first such in row order).</summary>
    public OcclusionWindow MostDamaging { get; }

    /// <summary>The largest drop of the target's score, in the units of <see cref="Score"/>.</summary>
    public double MaxDrop => MostDamaging.Drop;

    /// <summary>
    /// The pixel of largest attribution; where several share it (pixels covered by the same windows do), the one
    /// nearest their centroid.
    /// </summary>
    public (int X, int Y) Peak { get; }

    /// <summary>Per-pixel attribution, row-major, <see cref="Width"/>×<see cref="Height"/> values.</summary>
    public ReadOnlySpan<float> Attribution => _attribution;

    ReadOnlySpan<float> IPixelMap.Values => _attribution;

    public OcclusionOptions Options { get; }

    /// <summary>For a map computed with an approximation on, its measured error against exact; null for exact maps.</summary>
    public OcclusionApproximation? Approximation { get; }

    /// <summary>The window at grid row <paramref name="row"/> (index into <see cref="YPositions"/>) and column <paramref name="column"/>.</summary>
    public OcclusionWindow WindowAt(int row, int column) => _windows[(row * _xs.Length) + column];

    public float AttributionAt(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) lies outside the {Width}x{Height} map.");
        }

        return _attribution[(y * Width) + x];
    }

    internal OcclusionMap WithApproximation(OcclusionApproximation approximation) =>
        new(Image, TargetClass, TargetName, PredictedClass, BaseProbability, BaseScore, _xs, _ys, _windows, _attribution, Options, approximation);

    public Snapshot ToSnapshot()
    {
        if (!IsClassTarget)
        {
            return Snapshot.Of(
                new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["base_score"] = BaseScore,
                    ["max_drop"] = MaxDrop,
                    ["most_damaging_x"] = MostDamaging.Box.X,
                    ["most_damaging_y"] = MostDamaging.Box.Y,
                    ["peak_x"] = Peak.X,
                    ["peak_y"] = Peak.Y,
                    ["positive_mass"] = PixelMapMetrics.PositiveMass(this),
                    ["windows"] = _windows.Length,
                },
                ("map", OcclusionRendering.Heatmap(this)),
                ("overlay", OcclusionRendering.Overlay(this)));
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["base_probability"] = BaseProbability,
            ["max_drop"] = MaxDrop,
            ["most_damaging_x"] = MostDamaging.Box.X,
            ["most_damaging_y"] = MostDamaging.Box.Y,
            ["peak_x"] = Peak.X,
            ["peak_y"] = Peak.Y,
            ["positive_mass"] = PixelMapMetrics.PositiveMass(this),
            ["predicted_class"] = PredictedClass,
            ["target_class"] = TargetClass,
            ["windows"] = _windows.Length,
        };
        if (Score != OcclusionScore.Probability)
        {
            // Only for the other scores, so that snapshots of probability maps stay as they were: max_drop is in its units.
            metrics[Score == OcclusionScore.Logit ? "base_logit" : "base_log_odds"] = BaseScore;
        }

        return Snapshot.Of(metrics, ("map", OcclusionRendering.Heatmap(this)), ("overlay", OcclusionRendering.Overlay(this)));
    }

    public override string ToString() => !IsClassTarget
        ? FormattableString.Invariant($"OcclusionMap {Width}x{Height} {TargetName}: score {BaseScore:0.###}, max drop {MaxDrop:0.###} at {MostDamaging.Box}, peak ({Peak.X},{Peak.Y})")
        : Score == OcclusionScore.Probability
        ? FormattableString.Invariant($"OcclusionMap {Width}x{Height} class {TargetClass}: p={BaseProbability:0.###}, max drop {MaxDrop:0.###} at {MostDamaging.Box}, peak ({Peak.X},{Peak.Y})")
        : FormattableString.Invariant($"OcclusionMap {Width}x{Height} class {TargetClass} ({Score.Describe()}): p={BaseProbability:0.###}, {Score.Describe()} {BaseScore:0.###}, max {Score.Describe()} drop {MaxDrop:0.###} at {MostDamaging.Box}, peak ({Peak.X},{Peak.Y})");

    private static (int X, int Y) FindPeak(float[] values, int width)
    {
        var max = values.Max();
        double sx = 0, sy = 0;
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == max)
            {
                sx += i % width;
                sy += i / width;
                n++;
            }
        }

        var (cx, cy) = (sx / n, sy / n);
        var best = (X: 0, Y: 0);
        var bestDistance = double.PositiveInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            var (x, y) = (i % width, i / width);
            var d = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy));
            if (values[i] == max && d < bestDistance)
            {
                (best, bestDistance) = ((x, y), d);
            }
        }

        return best;
    }
}
