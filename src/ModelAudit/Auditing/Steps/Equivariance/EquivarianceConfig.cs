namespace ModelAudit.Auditing;

/// <summary>
/// The <c>equivariance</c> audit, for dense outputs (segmentation, text detection): shifting the input should shift the
/// output map with it. Measures, per horizontal shift, ‖F(shifted image) − shifted F(image)‖ / ‖shifted F(image)‖ over
/// the map pixels both cover (<see cref="Invariance.Equivariance"/>).
/// </summary>
public sealed record EquivarianceConfig : AuditSection
{
    /// <summary>Horizontal shifts in input pixels. Default −16, −8, 8, 16.</summary>
    public int[] Shifts { get; init; } = [-16, -8, 8, 16];

    /// <summary>Tapped tensors measured besides the output (conv layer or tensor names); they are plotted, not gated.</summary>
    public string[] Layers { get; init; } = [];

    /// <summary>Input pixels left out at each border (zero-padded convolutions disturb a band there). Default 0.</summary>
    public int Margin { get; init; }

    /// <summary>How many images are measured. Default 8.</summary>
    public int MaxImages { get; init; } = 8;

    /// <summary>Gate: the largest mean equivariance error of the output over the shifts, 0..∞ (e.g. 0.2).</summary>
    public double? MaxError { get; init; }

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("max_error", MaxError, 0, 100);
        check.Range("margin", Margin, 0, 4096);
        check.Range("max_images", MaxImages, 0, 100_000);
        if (Shifts.Length == 0 || Shifts.Contains(0))
        {
            check.Fail("shifts", "needs one or more non-zero shifts in pixels, e.g. [-8, 8].");
        }
    }
}
