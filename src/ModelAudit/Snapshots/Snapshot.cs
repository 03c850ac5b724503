using ModelAudit.Imaging;

namespace ModelAudit.Snapshots;

/// <summary>
/// What a baseline stores for one result: named numbers (one JSON file) and named pictures (one PNG each).
/// Names are short identifiers such as <c>map</c> or <c>overlay</c>; they become file-name suffixes. A picture drawn
/// by <see cref="TileGrid.Compose"/> carries its <see cref="RgbImage.Tiles"/>, and its baseline compares every tile.
/// </summary>
public sealed record Snapshot(IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, RgbImage> Images)
{
    /// <summary>The longest image name accepted, in UTF-8 bytes.</summary>
    public const int MaxImageNameLength = 40;

    public static Snapshot Of(IReadOnlyDictionary<string, double> metrics, params (string Name, RgbImage Image)[] images) =>
        new(metrics, images.ToDictionary(i => i.Name, i => i.Image, StringComparer.Ordinal));
}
