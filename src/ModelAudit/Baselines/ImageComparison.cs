namespace ModelAudit.Baselines;

/// <summary>
/// One image of a snapshot against its approved picture. The figures are null when there was nothing to compare
/// (added, removed, or resized). <see cref="ReceivedPath"/> and <see cref="DiffPath"/> are set when those files were written.
/// </summary>
public sealed record ImageComparison(
    string Image,
    ImageStatus Status,
    double? Ssim,
    int? MaxPixelDifference,
    double? MeanPixelDifference,
    int? DifferingPixels,
    (int Width, int Height)? VerifiedSize,
    (int Width, int Height)? ReceivedSize,
    string VerifiedPath,
    string? ReceivedPath,
    string? DiffPath)
{
    /// <summary>For a grid picture (<see cref="Imaging.RgbImage.Tiles"/>) whose pixels changed: the tile with the lowest SSIM.</summary>
    public TileComparison? WorstTile { get; init; }

    /// <summary>How many tiles of a grid picture fell below the SSIM threshold; each is framed in the diff.</summary>
    public int TilesBelowThreshold { get; init; }

    /// <summary>How many tiles were compared one by one; 0 when the picture is not a grid or did not change.</summary>
    public int TileCount { get; init; }
}
