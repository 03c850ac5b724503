namespace ModelAudit.Imaging;

/// <summary>Which value range <see cref="MapSsim"/> stretches over black to white before comparing two maps.</summary>
internal enum GreyRange
{
    /// <summary>
    /// One range for both maps, from the lower minimum to the higher maximum, so a map that is uniformly weaker reads
    /// darker and SSIM sees scale as well as structure. Two maps with one value everywhere count as identical.
    /// </summary>
    Common,

    /// <summary>Each map over its own minimum and maximum, so SSIM compares structure, not scale. A flat map is black.</summary>
    PerMap,
}
