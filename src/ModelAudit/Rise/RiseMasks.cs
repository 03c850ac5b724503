using ModelAudit.Faithfulness;

namespace ModelAudit.Rise;

/// <summary>
/// RISE's masks (Petsiuk et al. 2018): a <c>grid</c>×<c>grid</c> binary mask, each cell kept with probability p,
/// upsampled bilinearly to (grid + 1) cells of ⌈side/grid⌉ pixels and cropped at a random shift of less than a cell,
/// so mask edges fall anywhere. Mask <c>i</c> depends only on the seed and <c>i</c>: it is made again when needed
/// instead of being stored (1,000 masks of 224² would take 200 MB). The per-mask seed is a fixed mix of the two, so a
/// map is the same in every process (<see cref="HashCode"/> is randomised per process and must not seed anything).
/// </summary>
internal sealed class RiseMasks(int width, int height, int grid, double keep, int seed)
{
    private readonly int _cellWidth = (width + grid - 1) / grid;
    private readonly int _cellHeight = (height + grid - 1) / grid;

    public int Width => width;

    public int Height => height;

    /// <summary>Writes mask <paramref name="index"/>, values in [0, 1], row-major, into <paramref name="mask"/>.</summary>
    public void Write(int index, Span<float> mask)
    {
        var random = new Random(SeedMix.Of(seed, index, 0x52495345));
        var cells = new float[grid * grid];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = random.NextDouble() < keep ? 1f : 0f;
        }

        var dx = random.Next(_cellWidth);
        var dy = random.Next(_cellHeight);
        var upWidth = (grid + 1) * _cellWidth;
        var upHeight = (grid + 1) * _cellHeight;
        for (var y = 0; y < height; y++)
        {
            var (y0, y1, ty) = Axis(y + dy, upHeight);
            for (var x = 0; x < width; x++)
            {
                var (x0, x1, tx) = Axis(x + dx, upWidth);
                var top = (cells[(y0 * grid) + x0] * (1 - tx)) + (cells[(y0 * grid) + x1] * tx);
                var bottom = (cells[(y1 * grid) + x0] * (1 - tx)) + (cells[(y1 * grid) + x1] * tx);
                mask[(y * width) + x] = (top * (1 - ty)) + (bottom * ty);
            }
        }

        // Half-pixel-centred bilinear sampling of the grid stretched over `size` pixels, clamped at the edges.
        (int Low, int High, float T) Axis(int u, int size)
        {
            var g = ((u + 0.5) * grid / size) - 0.5;
            g = Math.Clamp(g, 0, grid - 1);
            var low = (int)Math.Floor(g);
            var high = Math.Min(low + 1, grid - 1);
            return (low, high, (float)(g - low));
        }
    }
}
