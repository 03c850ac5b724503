using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Invariance;

/// <summary>
/// One transform and the values to sweep it over (from, to, step; both ends included). Geometric transforms carry a
/// <see cref="FillPolicy"/> for the pixels they uncover; photometric ones uncover nothing.
/// </summary>
public sealed class Transform
{
    private const int MaxValues = 1000;

    private Transform(TransformKind kind, double from, double to, double step, FillPolicy fill, int seed)
        : this(kind, from, to, ValuesOf(kind, from, to, step), step, fill, seed)
    {
    }

    private Transform(TransformKind kind, double from, double to, double[] values, double step, FillPolicy fill, int seed)
    {
        Kind = kind;
        From = from;
        To = to;
        Step = step;
        Fill = fill;
        Seed = seed;
        Values = values;
    }

    public TransformKind Kind { get; }

    public double From { get; }

    public double To { get; }

    /// <summary>The distance between swept values; 0 when the values were listed (<see cref="FromValues"/>).</summary>
    public double Step { get; }

    /// <summary>The swept values, ascending: <c>From, From + Step, …</c> up to <c>To</c>, or the listed values.</summary>
    public IReadOnlyList<double> Values { get; }

    public FillPolicy Fill { get; }

    /// <summary>The noise seed (<see cref="TransformKind.GaussianNoise"/> only; 0 otherwise).</summary>
    public int Seed { get; }

    /// <summary>True for the transforms that move pixels (shift, scale, rotation); false for the photometric ones.</summary>
    public bool IsGeometric => Moves(Kind);

    /// <summary>The value that leaves an image unchanged (0, or 1 for scale and contrast).</summary>
    public double Identity => Kind is TransformKind.Scale or TransformKind.Contrast ? 1 : 0;

    /// <summary>A short name for files and JSON, e.g. <c>translate-x</c>.</summary>
    public string Name => Kind switch
    {
        TransformKind.TranslateX => "translate-x",
        TransformKind.TranslateY => "translate-y",
        TransformKind.Scale => "scale",
        TransformKind.Rotate => "rotate",
        TransformKind.Brightness => "brightness",
        TransformKind.Contrast => "contrast",
        TransformKind.GaussianBlur => "blur",
        _ => "noise",
    };

    /// <summary>What the value means, with its unit, for plot axes.</summary>
    public string AxisLabel => Kind switch
    {
        TransformKind.TranslateX => "horizontal shift (px)",
        TransformKind.TranslateY => "vertical shift (px)",
        TransformKind.Scale => "scale factor",
        TransformKind.Rotate => "rotation (degrees, clockwise)",
        TransformKind.Brightness => "brightness offset (levels)",
        TransformKind.Contrast => "contrast gain",
        TransformKind.GaussianBlur => "blur sigma (px)",
        _ => "noise std (levels)",
    };

    public static Transform TranslateX(double from, double to, double step, FillPolicy? fill = null) =>
        new(TransformKind.TranslateX, from, to, step, fill ?? FillPolicy.ImageMean, 0);

    public static Transform TranslateY(double from, double to, double step, FillPolicy? fill = null) =>
        new(TransformKind.TranslateY, from, to, step, fill ?? FillPolicy.ImageMean, 0);

    /// <summary>Scale factors about the centre; all must be positive.</summary>
    public static Transform Scale(double from, double to, double step, FillPolicy? fill = null) =>
        new(TransformKind.Scale, from, to, step, fill ?? FillPolicy.ImageMean, 0);

    public static Transform Rotate(double fromDegrees, double toDegrees, double step, FillPolicy? fill = null) =>
        new(TransformKind.Rotate, fromDegrees, toDegrees, step, fill ?? FillPolicy.ImageMean, 0);

    public static Transform Brightness(double from, double to, double step) =>
        new(TransformKind.Brightness, from, to, step, FillPolicy.EdgeReplicate, 0);

    public static Transform Contrast(double from, double to, double step) =>
        new(TransformKind.Contrast, from, to, step, FillPolicy.EdgeReplicate, 0);

    public static Transform GaussianBlur(double fromSigma, double toSigma, double step) =>
        new(TransformKind.GaussianBlur, fromSigma, toSigma, step, FillPolicy.EdgeReplicate, 0);

    public static Transform GaussianNoise(double fromStd, double toStd, double step, int seed) =>
        new(TransformKind.GaussianNoise, fromStd, toStd, step, FillPolicy.EdgeReplicate, seed);

    /// <summary>
    /// A transform swept over listed values rather than a stepped range, e.g. scales 0.5, 0.75, 1, 1.5, 2. The values
    /// are sorted; they must be distinct and valid for <paramref name="kind"/>. <paramref name="fill"/> applies to
    /// geometric transforms (default <see cref="FillPolicy.ImageMean"/>), <paramref name="seed"/> to noise.
    /// </summary>
    public static Transform FromValues(TransformKind kind, IEnumerable<double> values, FillPolicy? fill = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0 || sorted.Length > MaxValues)
        {
            throw new ArgumentException($"A transform needs 1 to {MaxValues} values; got {sorted.Length}.", nameof(values));
        }

        for (var i = 0; i < sorted.Length; i++)
        {
            if (!double.IsFinite(sorted[i]))
            {
                throw new ArgumentException($"Transform values must be finite; got {sorted[i].ToString(CultureInfo.InvariantCulture)}.", nameof(values));
            }

            if (i > 0 && sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"The value {sorted[i].ToString(CultureInfo.InvariantCulture)} is listed twice; each value is measured once.", nameof(values));
            }
        }

        CheckLowest(kind, sorted[0], nameof(values));
        return new(kind, sorted[0], sorted[^1], sorted, 0, Moves(kind) ? fill ?? FillPolicy.ImageMean : FillPolicy.EdgeReplicate, kind == TransformKind.GaussianNoise ? seed : 0);
    }

    /// <summary>Applies the transform at <paramref name="value"/> to one image.</summary>
    public RgbImage Apply(RgbImage image, double value) => Apply(image, value, 0);

    public override string ToString() => Step > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} {From}..{To} step {Step}")
        : $"{Name} at {string.Join(", ", Values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}";

    /// <summary>
    /// For a geometric transform at <paramref name="value"/> on a <paramref name="width"/>×<paramref name="height"/>
    /// image: where the pixel at (x, y) of the transformed image takes its content from, in the same pixel coordinates
    /// (pixel centres at integers), exactly as <see cref="Apply(RgbImage, double)"/> samples it.
    /// </summary>
    internal Func<double, double, (double X, double Y)> SourceOf(double value, int width, int height) => Kind switch
    {
        TransformKind.TranslateX => ImageOps.TranslateSource(value, 0),
        TransformKind.TranslateY => ImageOps.TranslateSource(0, value),
        TransformKind.Scale => ImageOps.ScaleSource(width, height, value),
        TransformKind.Rotate => ImageOps.RotateSource(width, height, value),
        _ => throw new InvalidOperationException($"{Kind} does not move pixels."),
    };

    /// <summary>Applies the transform; <paramref name="imageIndex"/> picks the image's own noise field, so images in a set do not share one.</summary>
    internal RgbImage Apply(RgbImage image, double value, int imageIndex) => Kind switch
    {
        TransformKind.TranslateX => ImageOps.Translate(image, value, 0, Fill.For(image)),
        TransformKind.TranslateY => ImageOps.Translate(image, 0, value, Fill.For(image)),
        TransformKind.Scale => ImageOps.Scale(image, value, Fill.For(image)),
        TransformKind.Rotate => ImageOps.Rotate(image, value, Fill.For(image)),
        TransformKind.Brightness => ImageOps.Adjust(image, 1, value),
        TransformKind.Contrast => ImageOps.Adjust(image, value, 128 * (1 - value)),
        TransformKind.GaussianBlur => ImageOps.GaussianBlur(image, value),
        _ => NoiseField.Add(image, value, Seed, imageIndex),
    };

    private static double[] ValuesOf(TransformKind kind, double from, double to, double step)
    {
        if (!double.IsFinite(from) || !double.IsFinite(to) || !(to >= from))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Transform range {from}..{to} is invalid: both ends must be finite and 'to' must not be below 'from'."));
        }

        if (!(step > 0) || !double.IsFinite(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive and finite.");
        }

        CheckLowest(kind, from, nameof(from));

        // A tolerance keeps 'to' in the range when (to - from) / step is an integer up to rounding.
        var count = (int)Math.Floor(((to - from) / step) + 1e-9) + 1;
        if (count > MaxValues)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"The range {from}..{to} with step {step} gives {count} values; at most {MaxValues} are allowed.");
        }

        return Enumerable.Range(0, count).Select(i => Math.Round(from + (i * step), 9)).ToArray();
    }

    private static bool Moves(TransformKind kind) =>
        kind is TransformKind.TranslateX or TransformKind.TranslateY or TransformKind.Scale or TransformKind.Rotate;

    private static void CheckLowest(TransformKind kind, double lowestValue, string name)
    {
        var lowest = kind switch
        {
            TransformKind.Scale => double.Epsilon,
            TransformKind.GaussianBlur or TransformKind.GaussianNoise or TransformKind.Contrast => 0,
            _ => double.NegativeInfinity,
        };
        if (lowestValue < lowest)
        {
            throw new ArgumentOutOfRangeException(name, lowestValue, $"{kind} values must be {(kind == TransformKind.Scale ? "positive" : "non-negative")}.");
        }
    }
}
