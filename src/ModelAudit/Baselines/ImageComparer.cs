using ModelAudit.Imaging;

namespace ModelAudit.Baselines;

/// <summary>
/// Compares one received image with its verified picture and renders the diff when they differ. A grid picture
/// (<see cref="RgbImage.Tiles"/>) must also pass tile by tile: one zeroed filter among 32 barely moves the overall SSIM.
/// </summary>
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
        var tiles = pixels == 0 ? [] : Tiles(verified, received);
        var failing = tiles.Where(t => t.Ssim < settings.ImageThreshold).ToList();
        var matched = ssim >= settings.ImageThreshold && failing.Count == 0 && (settings.MaxPixelDifference is not { } limit || max <= limit);
        var comparison = new ImageComparison(
            image, matched ? ImageStatus.Matched : ImageStatus.Changed, ssim, max, mean, pixels, Size(verified), Size(received), verifiedPath, null, null)
        {
            WorstTile = tiles.MinBy(t => t.Ssim),
            TilesBelowThreshold = failing.Count,
            TileCount = tiles.Count,
        };
        return (comparison, matched ? null : DiffImage.Render(verified, received, failing.Select(t => t.Box)));
    }

    /// <summary>SSIM of every tile of the received picture's grid; none when it is not a grid.</summary>
    private static List<TileComparison> Tiles(RgbImage verified, RgbImage received)
    {
        if (received.Tiles is not { } layout || !layout.Fits(received.Width, received.Height))
        {
            return [];
        }

        var tiles = new List<TileComparison>(layout.Count);
        for (var i = 0; i < layout.Count; i++)
        {
            var box = layout.Tile(i);
            var (a, b) = (ImageOps.Crop(verified, box), ImageOps.Crop(received, box));
            var ssim = a.Pixels.SequenceEqual(b.Pixels) ? 1.0 : Ssim.Compute(a, b);
            tiles.Add(new TileComparison(i, i / layout.Columns, i % layout.Columns, box, ssim));
        }

        return tiles;
    }
}
