namespace ModelAudit.Baselines;

/// <summary>How one image of a snapshot compares with its approved picture.</summary>
public enum ImageStatus
{
    /// <summary>Within the SSIM threshold (and the pixel limit, when set).</summary>
    Matched,

    /// <summary>Same size, but below the SSIM threshold or over the pixel limit.</summary>
    Changed,

    /// <summary>The sizes differ, so the pictures were not compared.</summary>
    SizeChanged,

    /// <summary>The snapshot has this image; the baseline does not.</summary>
    Added,

    /// <summary>The baseline has this image; the snapshot no longer does.</summary>
    Removed,
}
