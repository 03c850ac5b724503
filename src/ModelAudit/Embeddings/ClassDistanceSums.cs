using System.Numerics.Tensors;

namespace ModelAudit.Embeddings;

/// <summary>
/// For every row, the sum of its distances to each class's rows (Euclidean, or cosine when the rows are unit
/// length), the core of the silhouette. Rows are sorted by class, so each tile's columns fall into a few runs of one
/// class; only tiles on and above the diagonal are computed, each giving run sums for its rows and its columns. Every
/// (row, run) sum is written by exactly one tile and the runs are added up in a fixed order, so the result does not
/// depend on scheduling.
/// </summary>
internal static class ClassDistanceSums
{
    private const int Tile = 128;
    private const long MaxPartials = 1 << 24;

    /// <summary>Returns sums[i · classes + k] = Σ_(j in class k) dist(i, j); cosine distance is half the squared distance.</summary>
    public static double[] Compute(float[] x, int n, int d, int[] label, int classes, bool cosine)
    {
        var order = Enumerable.Range(0, n).OrderBy(i => label[i]).ToArray();
        var sorted = new float[x.Length];
        for (var i = 0; i < n; i++)
        {
            x.AsSpan(order[i] * d, d).CopyTo(sorted.AsSpan(i * d, d));
        }

        // Runs: maximal stretches of one class inside one tile; runFirst[b] is tile b's first run.
        var blocks = (n + Tile - 1) / Tile;
        var runStart = new List<int>();
        var runFirst = new int[blocks + 1];
        for (var i = 0; i < n; i++)
        {
            if (i % Tile == 0 || label[order[i]] != label[order[i - 1]])
            {
                runFirst[(i / Tile) + 1] = runStart.Count + 1;
                runStart.Add(i);
            }
        }

        runStart.Add(n);
        var runs = runStart.Count - 1;
        if ((long)n * runs > MaxPartials)
        {
            return ByRow(x, n, d, label, classes, cosine);
        }

        var partial = new double[(long)n * runs];
        PairwiseDistances.ForEachUpperTile(sorted, n, d, Tile, (i0, rows, j0, cols, tile) =>
        {
            var values = tile.AsSpan(0, rows * cols);
            if (cosine)
            {
                TensorPrimitives.Multiply(values, 0.5f, values);
            }
            else
            {
                TensorPrimitives.Sqrt(values, values);
            }

            for (var r = 0; r < rows; r++)
            {
                var line = tile.AsSpan(r * cols, cols);
                for (var s = runFirst[j0 / Tile]; s < runFirst[(j0 / Tile) + 1]; s++)
                {
                    partial[((long)(i0 + r) * runs) + s] = TensorPrimitives.Sum(line[(runStart[s] - j0)..(runStart[s + 1] - j0)]);
                }
            }

            if (i0 == j0)
            {
                return;
            }

            Span<float> column = stackalloc float[Tile];
            for (var s = runFirst[i0 / Tile]; s < runFirst[(i0 / Tile) + 1]; s++)
            {
                column.Clear();
                for (var r = runStart[s] - i0; r < runStart[s + 1] - i0; r++)
                {
                    TensorPrimitives.Add(column[..cols], tile.AsSpan(r * cols, cols), column[..cols]);
                }

                for (var c = 0; c < cols; c++)
                {
                    partial[((long)(j0 + c) * runs) + s] = column[c];
                }
            }
        });

        var sums = new double[n * classes];
        for (var i = 0; i < n; i++)
        {
            var row = sums.AsSpan(order[i] * classes, classes);
            for (var s = 0; s < runs; s++)
            {
                row[label[order[runStart[s]]]] += partial[((long)i * runs) + s];
            }
        }

        return sums;
    }

    /// <summary>Row by row over full distance rows: twice the work, but memory stays small with very many classes.</summary>
    private static double[] ByRow(float[] x, int n, int d, int[] label, int classes, bool cosine)
    {
        var sums = new double[n * classes];
        PairwiseDistances.ForEachRowBlock(x, n, d, (i0, rows, tile) =>
        {
            for (var r = 0; r < rows; r++)
            {
                var row = sums.AsSpan((i0 + r) * classes, classes);
                var line = tile.AsSpan(r * n, n);
                for (var j = 0; j < n; j++)
                {
                    row[label[j]] += cosine ? line[j] * 0.5 : Math.Sqrt(line[j]);
                }
            }
        });
        return sums;
    }
}
