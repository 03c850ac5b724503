namespace ModelAudit.Auditing;

/// <summary>
/// The <c>texture</c> audit: each chosen layer's Gram matrices (Gatys et al.'s texture statistics) over the images —
/// pictures, spectra, effective rank — and, in <c>modelaudit compare</c>, how far the candidate's moved from the
/// baseline's on the same images.
/// </summary>
public sealed record TextureConfig : AuditSection
{
    /// <summary>Layers (conv node or tensor names). Default up to four conv layers spread from the first to the last.</summary>
    public IReadOnlyList<string>? Layers { get; init; }

    /// <summary>Images whose Gram matrices are taken (one forward pass each). Default 16; 0 disables the audit.</summary>
    public int MaxImages { get; init; } = 16;

    /// <summary>
    /// Gate for <c>modelaudit compare</c>: the largest, over the layers, mean relative distance between the two models'
    /// Gram matrices of each image. A plain audit has one model and reports this check as not measured.
    /// </summary>
    public double? MaxDrift { get; init; }

    internal const string DriftCheck = "texture drift from the baseline model (largest over the layers)";

    internal Texture.TextureOptions Options => new() { Layers = Layers };

    internal override void Validate(ConfigCheck check)
    {
        if (Layers is { Count: 0 })
        {
            check.Fail("layers", "is empty; name at least one layer, or leave the key out for four conv layers.");
        }

        check.Range("max_images", MaxImages, 0, 100_000);
        check.Threshold("max_drift", MaxDrift, 0, 1000);
    }
}
