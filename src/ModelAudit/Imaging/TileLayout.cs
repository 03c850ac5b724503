namespace ModelAudit.Imaging;

/// <summary>
/// Where the tiles of a grid picture lie (<see cref="TileGrid.Compose"/>): tile <c>i</c> sits in row <c>i / Columns</c>,
/// column <c>i % Columns</c>, its top-left corner at <c>(Gap + column × CellWidth, Gap + row × CellHeight)</c>.
/// </summary>
/// <param name="Count">The number of tiles.</param>
/// <param name="Columns">Tiles per row.</param>
/// <param name="TileWidth">Width of one tile in the picture, in pixels (after upscaling).</param>
/// <param name="TileHeight">Height of one tile in the picture, in pixels (after upscaling).</param>
/// <param name="Gap">Pixels before the first tile, left and top.</param>
/// <param name="CellWidth">Distance from one tile to the next in a row.</param>
/// <param name="CellHeight">Distance from one row to the next (caption included).</param>
public sealed record TileLayout(int Count, int Columns, int TileWidth, int TileHeight, int Gap, int CellWidth, int CellHeight)
{
    public int Rows => (Count + Columns - 1) / Columns;

    /// <summary>The pixels of tile <paramref name="index"/>.</summary>
    public PixelBox Tile(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return new PixelBox(Gap + ((index % Columns) * CellWidth), Gap + ((index / Columns) * CellHeight), TileWidth, TileHeight);
    }

    /// <summary>True when every tile lies inside a picture of this size.</summary>
    public bool Fits(int width, int height) =>
        Count > 0 && Columns > 0 && TileWidth > 0 && TileHeight > 0 && Gap >= 0
        && Enumerable.Range(0, Count).Select(Tile).All(t => t.Right <= width && t.Bottom <= height);
}
