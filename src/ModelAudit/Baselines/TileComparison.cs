using ModelAudit.Imaging;

namespace ModelAudit.Baselines;

/// <summary>One tile of a grid picture against its approved pixels.</summary>
/// <param name="Index">The tile's position in the grid, counted row by row from 0.</param>
/// <param name="Row">Its row, from 0.</param>
/// <param name="Column">Its column, from 0.</param>
/// <param name="Box">Its pixels in the picture.</param>
/// <param name="Ssim">SSIM of the tile alone.</param>
public sealed record TileComparison(int Index, int Row, int Column, PixelBox Box, double Ssim);
