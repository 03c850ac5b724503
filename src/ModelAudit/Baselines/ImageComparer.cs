using ModelAudit.Imaging;

namespace ModelAudit.Baselines;

/// <summary>Compares one received image with its verified picture and renders the diff when they differ.</summary>
internal static class ImageComparer
{
    public static (ImageComparison Comparison, RgbImage? Diff) Compare(
        string image, RgbImage? verified, RgbImage? received, string verifiedPath, ResolvedBaselineSettings settings)
    {
        (int, int)? Size(RgbImage? i) => i is null ? null : (i.Width, i.Height);
        if (verified is null || received is null)
        {
            var status = received is null ? ImageStatus.Removed : ImageStatus.Added;
            return (new ImageComparison(image, status, null, null, null, null, Size(verified), Size(received), verifiedPath, null, null), null);
        }

        if (verified.Width != received.Width || verified.Height != received.Height)
        {
            return (new ImageComparison(image, ImageStatus.SizeChanged, null, null, null, null, Size(verified), Size(received), verifiedPath, null, null), null);
        }

        var (max, mean, pixels) = PixelDifference.Measure(verified, received);
        var ssim = pixels == 0 ? 1.0 : Ssim.Compute(verified, received);
        var matched = ssim >= settings.ImageThreshold && (settings.MaxPixelDifference is not { } limit || max <= limit);
        var comparison = new ImageComparison(
            image, matched ? ImageStatus.Matched : ImageStatus.Changed, ssim, max, mean, pixels, Size(verified), Size(received), verifiedPath, null, null);
        return (comparison, matched ? null : DiffImage.Render(verified, received));
    }
}
