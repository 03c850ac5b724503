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
    {
        Kind = kind;
        From = from;
        To = to;
        Step = step;
        Fill = fill;
        Seed = seed;
        Values = ValuesOf(kind, from, to, step);
    }

    public TransformKind Kind { get; }

    public double From { get; }

    public double To { get; }

    public double Step { get; }

    /// <summary>The swept values, ascending: <c>From, From + Step, …</c> up to <c>To</c>.</summary>
    public IReadOnlyList<double> Values { get; }

    public FillPolicy Fill { get; }

    /// <summary>The noise seed (<see cref="TransformKind.GaussianNoise"/> only; 0 otherwise).</summary>
    public int Seed { get; }

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

    /// <summary>Applies the transform at <paramref name="value"/> to one image.</summary>
    public RgbImage Apply(RgbImage image, double value) => Apply(image, value, 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {From}..{To} step {Step}");

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

        var lowest = kind switch
        {
            TransformKind.Scale => double.Epsilon,
            TransformKind.GaussianBlur or TransformKind.GaussianNoise or TransformKind.Contrast => 0,
            _ => double.NegativeInfinity,
        };
        if (from < lowest)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"{kind} values must be {(kind == TransformKind.Scale ? "positive" : "non-negative")}.");
        }

        // A tolerance keeps 'to' in the range when (to - from) / step is an integer up to rounding.
        var count = (int)Math.Floor(((to - from) / step) + 1e-9) + 1;
        if (count > MaxValues)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"The range {from}..{to} with step {step} gives {count} values; at most {MaxValues} are allowed.");
        }

        return Enumerable.Range(0, count).Select(i => Math.Round(from + (i * step), 9)).ToArray();
    }
}
