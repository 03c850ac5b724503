using System.Globalization;
using ModelAudit.Invariance;

namespace ModelAudit.Auditing;

/// <summary>
/// The <c>invariance</c> audit: prediction and feature curves under horizontal shifts and rotations, and under any of
/// the listed sweeps — vertical shifts, scales, brightness, contrast, blur, noise.
/// </summary>
public sealed record InvarianceConfig : AuditSection
{
    /// <summary>The seed of the noise sweep's noise.</summary>
    internal const int NoiseSeed = 1;

    /// <summary>Horizontal shift sweep in pixels: ±this, step 1 (0 leaves it out). Default 8.</summary>
    public int ShiftRange { get; init; } = 8;

    /// <summary>Rotation sweep in degrees: 0..this, in <see cref="RotationStep"/> steps (0 leaves it out). Default 180.</summary>
    public int RotationRange { get; init; } = 180;

    /// <summary>Degrees between rotation sweep points. Default 30.</summary>
    public int RotationStep { get; init; } = 30;

    /// <summary>How many images the sweeps use. Default 32.</summary>
    public int MaxImages { get; init; } = 32;

    /// <summary>Gate: top-1 agreement with the unshifted prediction over ±<see cref="GateShift"/> pixels, 0..1.</summary>
    [ConfigSuggested(0.9)]
    public double? MinShiftAgreement { get; init; }

    /// <summary>The shifts the gate covers, ±pixels. Default 4.</summary>
    public int GateShift { get; init; } = 4;

    /// <summary>Vertical shift sweep: shifts in pixels (positive: down), e.g. [-4, -2, 2, 4]. Empty: no sweep.</summary>
    public int[] VerticalShifts { get; init; } = [];

    /// <summary>Scale sweep: factors about the image centre, e.g. [0.8, 0.9, 1.1, 1.25] (1: unchanged). Empty: no sweep.</summary>
    public double[] Scales { get; init; } = [];

    /// <summary>Brightness sweep: offsets added to every channel, in 8-bit levels, e.g. [-40, -20, 20, 40]. Empty: no sweep.</summary>
    public double[] Brightness { get; init; } = [];

    /// <summary>Contrast sweep: gains about mid-grey 128, e.g. [0.5, 0.75, 1.5] (1: unchanged). Empty: no sweep.</summary>
    public double[] Contrast { get; init; } = [];

    /// <summary>Blur sweep: Gaussian blur sigmas in pixels, e.g. [0.5, 1, 2]. Empty: no sweep.</summary>
    public double[] Blur { get; init; } = [];

    /// <summary>Noise sweep: standard deviations of Gaussian pixel noise in 8-bit levels, e.g. [4, 8, 16] (seeded: the same noise every run). Empty: no sweep.</summary>
    public double[] Noise { get; init; } = [];

    /// <summary>
    /// Gate for each listed sweep (<see cref="VerticalShifts"/>, <see cref="Scales"/>, <see cref="Brightness"/>,
    /// <see cref="Contrast"/>, <see cref="Blur"/>, <see cref="Noise"/>): top-1 agreement with the untransformed
    /// prediction at the sweep's worst value, 0..1.
    /// </summary>
    public double? MinAgreement { get; init; }

    /// <summary>The listed sweeps, by key, in the order they run; empty ones included.</summary>
    internal IReadOnlyList<(string Key, TransformKind Kind, double[] Values)> ListedSweeps =>
    [
        ("vertical_shifts", TransformKind.TranslateY, VerticalShifts.Select(v => (double)v).ToArray()),
        ("scales", TransformKind.Scale, Scales),
        ("brightness", TransformKind.Brightness, Brightness),
        ("contrast", TransformKind.Contrast, Contrast),
        ("blur", TransformKind.GaussianBlur, Blur),
        ("noise", TransformKind.GaussianNoise, Noise),
    ];

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("min_shift_agreement", MinShiftAgreement, 0, 1);
        check.Range("shift_range", ShiftRange, 0, 4096);
        check.Range("rotation_range", RotationRange, 0, 360);
        check.Range("rotation_step", RotationStep, 1, 360);
        check.Range("max_images", MaxImages, 0, 100_000);
        if (ShiftRange > 0)
        {
            check.Range("gate_shift", GateShift, 0, ShiftRange);
        }

        foreach (var (key, kind, values) in ListedSweeps)
        {
            CheckSweep(check, key, kind, values);
        }

        check.Threshold("min_agreement", MinAgreement, 0, 1);
        if (MinAgreement is not null && ListedSweeps.All(s => s.Values.Length == 0))
        {
            check.Fail("min_agreement", "gates the listed sweeps (vertical_shifts, scales, brightness, contrast, blur, noise), which are all empty; list values in one, e.g. \"scales\": [0.8, 1.25].");
        }
    }

    private static void CheckSweep(ConfigCheck check, string key, TransformKind kind, double[] values)
    {
        var text = string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        if (values.Length > 1000)
        {
            check.Fail(key, string.Create(CultureInfo.InvariantCulture, $"has {values.Length} values; list at most 1000."));
        }

        if (values.Distinct().Count() != values.Length)
        {
            check.Fail(key, $"is [{text}], which lists a value twice; list each value once.");
        }

        var (lowest, rule) = kind switch
        {
            TransformKind.Scale => (double.Epsilon, "positive factors"),
            TransformKind.Contrast => (0, "gains of 0 or more"),
            TransformKind.GaussianBlur => (0, "sigmas of 0 or more"),
            TransformKind.GaussianNoise => (0, "standard deviations of 0 or more"),
            _ => (double.NegativeInfinity, ""),
        };
        if (values.Any(v => !double.IsFinite(v) || v < lowest))
        {
            check.Fail(key, $"is [{text}]; give {rule}.");
        }
    }
}
