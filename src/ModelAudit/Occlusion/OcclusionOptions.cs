using ModelAudit.Models;

namespace ModelAudit.Occlusion;

/// <summary>
/// How <see cref="OcclusionSensitivity"/> slides its window. The defaults suit the 64×64 images of the shapes
/// dataset (an 8×8 window every 4 pixels); for 224×224 inputs a 32×32 window with stride 16 is the usual choice.
/// Checked when used, against the model's input size.
/// </summary>
public sealed record OcclusionOptions
{
    /// <summary>The shared default options.</summary>
    public static OcclusionOptions Default { get; } = new();

    /// <summary>Window height in pixels (at the model's input resolution). Default 8.</summary>
    public int WindowHeight { get; init; } = 8;

    /// <summary>Window width in pixels. Default 8.</summary>
    public int WindowWidth { get; init; } = 8;

    /// <summary>A square window: sets both <see cref="WindowHeight"/> and <see cref="WindowWidth"/>; reads the larger.</summary>
    public int Window
    {
        get => Math.Max(WindowHeight, WindowWidth);
        init => (WindowHeight, WindowWidth) = (value, value);
    }

    /// <summary>
    /// Pixels between window positions along each axis. Default 4. Positions are 0, s, 2s, … and, when the
    /// image size minus the window is not a multiple of s, one last position flush with the right (bottom) edge,
    /// so that every pixel is covered. Must not exceed the window's smaller side.
    /// </summary>
    public int Stride { get; init; } = 4;

    /// <summary>
    /// What the window shows. Default <see cref="OcclusionFill.MidGray"/>. <see cref="OcclusionFill.NormalisedZero"/>
    /// and <see cref="OcclusionFill.InputValue"/> give it in the model's input space (Captum's baselines).
    /// </summary>
    public OcclusionFill Fill { get; init; } = OcclusionFill.MidGray;

    /// <summary>
    /// What is watched: a class (<c>Target = 3</c>), each image's labelled class (<see cref="Targets.Target.Label"/>,
    /// with labelled images), or a dense, sequence or custom target. Null (the default) watches each image's predicted class.
    /// </summary>
    public Targets.Target? Target { get; init; }

    /// <summary>
    /// What is watched for a class target: its probability (the default), its logit, or its log-odds. The map's values,
    /// <see cref="OcclusionMap.BaseScore"/> and <see cref="OcclusionMap.MaxDrop"/> are in this score's units. Every
    /// mode supports every score; logit and log-odds cost nothing extra (the logits are read from the same pass).
    /// </summary>
    public OcclusionScore Score { get; init; } = OcclusionScore.Probability;

    /// <summary>
    /// Occluded images built and scored per chunk (the engine splits a chunk into model batches). Bounds memory at
    /// BatchSize × C·H·W floats: 19 MB for 224×224 RGB at the default. Default 32; larger chunks gain nothing on CPU.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>How occluded images are scored: full re-inference or exact incremental inference. Default <see cref="OcclusionMode.Full"/>.</summary>
    public OcclusionMode Mode { get; init; } = OcclusionMode.Full;

    /// <summary>
    /// Projective-field truncation (Krypton's τ), an approximation for <see cref="OcclusionMode.Incremental"/>: at
    /// each layer of the split network a window's changed region is cut to its central τ·size positions per axis, and
    /// the rest is taken from the clean image. Between 0 (exclusive) and 1; 1 (the default) truncates nothing.
    /// </summary>
    public double ProjectiveFieldThreshold { get; init; } = 1;

    /// <summary>Adaptive drill-down, an approximation: null (the default) scores every window.</summary>
    public OcclusionDrillDown? DrillDown { get; init; }

    /// <summary>First-order suffix, an approximation: null (the default) runs the network after the incremental prefix for every window.</summary>
    public OcclusionFirstOrder? FirstOrder { get; init; }

    /// <summary>
    /// With an approximation on, how many of the images (the first ones of the first call with these options) are also
    /// computed exactly to measure the approximation's error (<see cref="OcclusionMap.Approximation"/>). The error is
    /// measured once per options on an <see cref="OcclusionSensitivity"/> and attached to every later map, so later
    /// calls cost only the approximation. Default 1; 0 skips the measurement.
    /// </summary>
    public int ApproximationSample { get; init; } = 1;

    /// <summary>True when <see cref="ProjectiveFieldThreshold"/>, <see cref="DrillDown"/> or <see cref="FirstOrder"/> makes the maps approximate.</summary>
    public bool IsApproximate => ProjectiveFieldThreshold < 1 || DrillDown is not null || FirstOrder is not null;

    /// <param name="spec">The model's input spec.</param>
    /// <param name="classCount">The model's class count, or null when it is not a classifier.</param>
    internal void Validate(InputSpec spec, int? classCount)
    {
        var (height, width) = (spec.Height, spec.Width);
        if (!Enum.IsDefined(Score))
        {
            throw Invalid($"{nameof(Score)} {(int)Score} is not one of {string.Join(", ", Enum.GetNames<OcclusionScore>())}.");
        }

        if (!(ProjectiveFieldThreshold > 0 && ProjectiveFieldThreshold <= 1))
        {
            throw Invalid($"{nameof(ProjectiveFieldThreshold)} must be in (0, 1], but was {ProjectiveFieldThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        if (ProjectiveFieldThreshold < 1 && Mode != OcclusionMode.Incremental)
        {
            throw Invalid($"{nameof(ProjectiveFieldThreshold)} {ProjectiveFieldThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)} truncates the incremental computation; it needs {nameof(Mode)} = {nameof(OcclusionMode.Incremental)}, but {nameof(Mode)} is {Mode}.");
        }

        if (FirstOrder is not null && Mode != OcclusionMode.Incremental)
        {
            throw Invalid($"{nameof(FirstOrder)} expands the network after the incremental prefix; it needs {nameof(Mode)} = {nameof(OcclusionMode.Incremental)}, but {nameof(Mode)} is {Mode}.");
        }

        if (ApproximationSample < 0)
        {
            throw Invalid($"{nameof(ApproximationSample)} must be at least 0, but was {ApproximationSample}.");
        }

        DrillDown?.Validate(Stride);

        if (WindowHeight < 1 || WindowWidth < 1)
        {
            throw Invalid($"The window must be at least 1x1 pixels, but {WindowWidth}x{WindowHeight} (WxH) was given.");
        }

        if (WindowHeight > height || WindowWidth > width)
        {
            throw Invalid($"The {WindowWidth}x{WindowHeight} (WxH) window is larger than the model's {width}x{height} input.");
        }

        if (Stride < 1)
        {
            throw Invalid($"{nameof(Stride)} must be at least 1 pixel, but was {Stride}.");
        }

        if (Stride > Math.Min(WindowHeight, WindowWidth))
        {
            throw Invalid($"{nameof(Stride)} {Stride} is larger than the {WindowWidth}x{WindowHeight} (WxH) window: pixels between windows would never be occluded.");
        }

        if (Target is Targets.ClassTarget { Index: { } t, Output: null } && classCount is { } classes && (t < 0 || t >= classes))
        {
            throw Invalid($"{nameof(Target)} class {t} is out of range: the model has {classes} classes (0..{classes - 1}).");
        }

        if (BatchSize < 1)
        {
            throw Invalid($"{nameof(BatchSize)} must be at least 1, but was {BatchSize}.");
        }

        if (Fill is null)
        {
            throw Invalid($"{nameof(Fill)} must not be null.");
        }

        Fill.Validate(spec);
    }

    private static ArgumentException Invalid(string message) => new($"Invalid occlusion options: {message}");
}
