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
        // Each directed entry (i, j, p) also goes to row j as (j, i, p). Rows are bucketed in a fixed order, sorted by
        // column and a pair's two halves added (at most two, and a + b = b + a, so the order within a row is moot).
        var start = new int[n + 1];
        for (var e = 0; e < n * k; e++)
        {
            start[(e / k) + 1]++;
            start[neighbours[e] + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            start[i + 1] += start[i];
        }

        var columns = new int[start[n]];
        var values = new double[start[n]];
        var fill = start[..n];
        for (var e = 0; e < n * k; e++)
        {
            var (i, j, v) = (e / k, neighbours[e], conditional[e] / (2.0 * n));
            columns[fill[i]] = j;
            values[fill[i]++] = v;
            columns[fill[j]] = i;
            values[fill[j]++] = v;
        }

        var kept = new int[n + 1];
        Parallel.For(0, n, i =>
        {
            Array.Sort(columns, values, start[i], start[i + 1] - start[i]);
            var last = start[i] - 1;
            for (var e = start[i]; e < start[i + 1]; e++)
            {
                if (last >= start[i] && columns[last] == columns[e])
                {
                    values[last] += values[e];
                    continue;
                }

                last++;
                columns[last] = columns[e];
                values[last] = values[e];
            }

            kept[i + 1] = last + 1 - start[i];
        });

        for (var i = 0; i < n; i++)
        {
            kept[i + 1] += kept[i];
        }

        var outColumns = new int[kept[n]];
        var outValues = new double[kept[n]];
        for (var i = 0; i < n; i++)
        {
            Array.Copy(columns, start[i], outColumns, kept[i], kept[i + 1] - kept[i]);
            Array.Copy(values, start[i], outValues, kept[i], kept[i + 1] - kept[i]);
        }

        return new TsneAffinities(kept, outColumns, outValues);
    }
}
