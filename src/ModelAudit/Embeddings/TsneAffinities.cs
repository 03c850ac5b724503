namespace ModelAudit.Embeddings;

/// <summary>
/// t-SNE's input similarities P, sparse: each point's Gaussian over its 3·perplexity nearest neighbours (exact,
/// brute force), its bandwidth found by bisection to match the perplexity, then symmetrised P = (P + Pᵀ) / 2n.
/// Stored as compressed rows.
/// </summary>
internal sealed class TsneAffinities
{
    private TsneAffinities(int[] rowStart, int[] columns, double[] values)
    {
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int[] RowStart { get; }

    public int[] Columns { get; }

    public double[] Values { get; }

    public static TsneAffinities Compute(float[] x, int n, int d, double perplexity)
    {
        var k = Math.Min(n - 1, (int)(3 * perplexity) + 1);
        var neighbours = new int[n * k];
        var conditional = new double[n * k];
        PairwiseDistances.ForEachRowBlock(x, n, d, (i0, rows, tile) =>
        {
            var val = new float[k];
            for (var r = 0; r < rows; r++)
            {
                var i = i0 + r;
                NearestNeighbours.Select(tile.AsSpan(r * n, n), i, neighbours.AsSpan(i * k, k), val);
                Conditional(val, perplexity, conditional.AsSpan(i * k, k));
            }
        });

        return Symmetrise(n, k, neighbours, conditional);
    }

    /// <summary>p_j = exp(−β·d_j) / Σ exp(−β·d_m), with β bisected until the entropy is log(perplexity).</summary>
    private static void Conditional(ReadOnlySpan<float> sqDist, double perplexity, Span<double> p)
    {
        var target = Math.Log(perplexity);
        double beta = 1, lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        for (var step = 0; step < 200; step++)
        {
            double sum = 0, weighted = 0;
            for (var j = 0; j < p.Length; j++)
            {
                p[j] = Math.Exp(-(sqDist[j] - sqDist[0]) * beta);
                sum += p[j];
                weighted += (sqDist[j] - sqDist[0]) * p[j];
            }

            var entropy = Math.Log(sum) + (beta * weighted / sum);
            for (var j = 0; j < p.Length; j++)
            {
                p[j] /= sum;
            }

            var gap = entropy - target;
            if (Math.Abs(gap) < 1e-5)
            {
                return;
            }

            if (gap > 0)
            {
                lo = beta;
                beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2;
            }
            else
            {
                hi = beta;
                beta = double.IsNegativeInfinity(lo) ? beta / 2 : (beta + lo) / 2;
            }
        }
    }

    private static TsneAffinities Symmetrise(int n, int k, int[] neighbours, double[] conditional)
    {
        // Each directed entry (i, j, p) also appears as (j, i, p); sorting merges the pairs in a fixed order.
        var entries = new (int Row, int Column, double Value)[2 * n * k];
        for (var i = 0; i < n; i++)
        {
            for (var m = 0; m < k; m++)
            {
                var j = neighbours[(i * k) + m];
                var v = conditional[(i * k) + m] / (2.0 * n);
                entries[2 * ((i * k) + m)] = (i, j, v);
                entries[(2 * ((i * k) + m)) + 1] = (j, i, v);
            }
        }

        Array.Sort(entries, (a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column != b.Column ? a.Column.CompareTo(b.Column) : a.Value.CompareTo(b.Value));
        var rowStart = new int[n + 1];
        var columns = new List<int>(entries.Length);
        var values = new List<double>(entries.Length);
        for (var e = 0; e < entries.Length; e++)
        {
            var (row, column, value) = entries[e];
            if (e > 0 && entries[e - 1].Row == row && entries[e - 1].Column == column)
            {
                values[^1] += value;
                continue;
            }

            columns.Add(column);
            values.Add(value);
            rowStart[row + 1] = columns.Count;
        }

        for (var i = 1; i <= n; i++)
        {
            rowStart[i] = Math.Max(rowStart[i], rowStart[i - 1]);
        }

        return new TsneAffinities(rowStart, [.. columns], [.. values]);
    }
}
