namespace ModelAudit.Auditing;

/// <summary>The <c>invariance</c> audit: prediction and feature curves under horizontal shifts and rotations.</summary>
public sealed record InvarianceConfig : AuditSection
{
    /// <summary>Horizontal shift sweep in pixels: ±this, step 1 (0 leaves it out). Default 8.</summary>
    public int ShiftRange { get; init; } = 8;

    /// <summary>Rotation sweep in degrees: 0..this, in <see cref="RotationStep"/> steps (0 leaves it out). Default 180.</summary>
    public int RotationRange { get; init; } = 180;

    /// <summary>Degrees between rotation sweep points. Default 30.</summary>
    public int RotationStep { get; init; } = 30;

    /// <summary>How many images the sweeps use. Default 32.</summary>
    public int MaxImages { get; init; } = 32;

    /// <summary>Gate: top-1 agreement with the unshifted prediction over ±<see cref="GateShift"/> pixels, 0..1.</summary>
    public double? MinShiftAgreement { get; init; }

    /// <summary>The shifts the gate covers, ±pixels. Default 4.</summary>
    public int GateShift { get; init; } = 4;

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
    }
}
