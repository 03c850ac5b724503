namespace ModelAudit.Auditing;

/// <summary>
/// The <c>equivariance</c> audit, for dense outputs (segmentation, text detection): shifting the input should shift the
/// output map with it. Measures, per horizontal shift, ‖F(shifted image) − shifted F(image)‖ / ‖shifted F(image)‖ over
/// the map pixels both cover (<see cref="Invariance.Equivariance"/>).
/// </summary>
public sealed record EquivarianceConfig : AuditSection
{
    /// <summary>Horizontal shifts in input pixels. Default −16, −8, 8, 16; empty leaves shifts out.</summary>
    public int[] Shifts { get; init; } = [-16, -8, 8, 16];

    /// <summary>Scale factors about the image centre, e.g. [0.8, 1.25]. Default none.</summary>
    public double[] Scales { get; init; } = [];

    /// <summary>Tapped tensors measured besides the output (conv layer or tensor names); they are plotted, not gated.</summary>
    public string[] Layers { get; init; } = [];

    /// <summary>Input pixels left out at each border (zero-padded convolutions disturb a band there). Default 0.</summary>
    public int Margin { get; init; }

    /// <summary>How many images are measured. Default 8.</summary>
    public int MaxImages { get; init; } = 8;

    /// <summary>Gate: the largest mean equivariance error of the output over the shifts (and, separately, the scales), 0..∞ (e.g. 0.2).</summary>
    [ConfigSuggested(0.2)]
    public double? MaxError { get; init; }

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("max_error", MaxError, 0, 100);
        check.Range("margin", Margin, 0, 4096);
        check.Range("max_images", MaxImages, 0, 100_000);
        if (Shifts.Contains(0))
        {
            check.Fail("shifts", "holds 0, which moves nothing; give non-zero shifts in pixels, e.g. [-8, 8].");
        }

        if (Scales.Any(f => !(f > 0) || f == 1))
        {
            check.Fail("scales", "needs positive factors other than 1, e.g. [0.8, 1.25].");
        }

        if (Shifts.Length == 0 && Scales.Length == 0)
        {
            check.Fail("shifts", "and scales are both empty; give shifts in pixels (e.g. [-8, 8]) or scale factors (e.g. [0.8, 1.25]).");
        }
    }
}
