using System.Numerics.Tensors;

namespace ModelAudit.Embeddings;

/// <summary>
/// Squared Euclidean distances from dot products, ‖a−b‖² = ‖a‖² + ‖b‖² − 2a·b, a block at a time. Blocks run in
/// parallel; each distance is computed by one thread in a fixed order, so every value is the same whatever the
/// scheduling.
/// </summary>
internal static class PairwiseDistances
{
    private const int RowBlock = 32;

    /// <summary>Calls <paramref name="rowBlock"/> with (first row, row count, distances rows × n) for every block of rows.</summary>
    public static void ForEachRowBlock(float[] x, int n, int d, Action<int, int, float[]> rowBlock)
    {
        var norms = SquaredNorms(x, n, d);
        var dots = DotProducts.Pack(x, n, d);
        var blocks = (n + RowBlock - 1) / RowBlock;
        Parallel.For(0, blocks, () => new float[RowBlock * n], (b, _, tile) =>
        {
            var i0 = b * RowBlock;
            var rows = Math.Min(RowBlock, n - i0);
            dots.Fill(i0, rows, 0, n, tile, 0, n);
            ToSquaredDistances(norms, i0, rows, 0, n, tile);
            rowBlock(i0, rows, tile);
            return tile;
        }, _ => { });
    }

    /// <summary>
    /// Calls <paramref name="tile"/> with (first row, rows, first column, columns, distances rows × columns) for every
    /// block pair on and above the diagonal of the distance matrix: each distance once, for symmetric sums.
    /// </summary>
    public static void ForEachUpperTile(float[] x, int n, int d, int size, Action<int, int, int, int, float[]> tile)
    {
        var norms = SquaredNorms(x, n, d);
        var dots = DotProducts.Pack(x, n, d);
        var blocks = (n + size - 1) / size;
        var pairs = new List<(int, int)>(blocks * (blocks + 1) / 2);
        for (var a = 0; a < blocks; a++)
        {
            for (var b = a; b < blocks; b++)
            {
                pairs.Add((a, b));
            }
        }

        Parallel.For(0, pairs.Count, () => new float[size * size], (p, _, buffer) =>
        {
            var (a, b) = pairs[p];
            var i0 = a * size;
            var j0 = b * size;
            var rows = Math.Min(size, n - i0);
            var cols = Math.Min(size, n - j0);
            dots.Fill(i0, rows, j0, cols, buffer, 0, cols);
            ToSquaredDistances(norms, i0, rows, j0, cols, buffer);
            tile(i0, rows, j0, cols, buffer);
            return buffer;
        }, _ => { });
    }

    public static float[] SquaredNorms(float[] x, int n, int d)
    {
        var norms = new float[n];
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * d, d);
            norms[i] = TensorPrimitives.Dot(row, row);
        }

        return norms;
    }

    private static void ToSquaredDistances(float[] norms, int i0, int rows, int j0, int cols, float[] tile)
    {
        for (var r = 0; r < rows; r++)
        {
            var line = tile.AsSpan(r * cols, cols);
            var column = norms.AsSpan(j0, cols);
            TensorPrimitives.MultiplyAdd(line, -2f, column, line);
            TensorPrimitives.Add(line, norms[i0 + r], line);
            TensorPrimitives.Max(line, 0f, line);
            var self = i0 + r - j0;
            if (self >= 0 && self < cols)
            {
                line[self] = 0f;
            }
        }
    }
}
