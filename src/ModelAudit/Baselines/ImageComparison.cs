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
    string? DiffPath);
