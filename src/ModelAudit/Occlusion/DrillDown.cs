namespace ModelAudit.Occlusion;

/// <summary>
/// Adaptive drill-down over one image: the coarse grid's windows first, then the fine windows within one coarse
/// stride of the hottest coarse windows; the rest are interpolated bilinearly between coarse windows.
/// </summary>
internal static class DrillDown
{
    public static void Run(OcclusionRun run, OcclusionPlan plan, OcclusionOptions options, IOcclusionScorer scorer)
    {
        var drill = options.DrillDown!;
        var coarseStride = drill.CoarseStrideFor(options.Stride);
        var cx = WindowPositions.Along(plan.Width, options.WindowWidth, coarseStride);
        var cy = WindowPositions.Along(plan.Height, options.WindowHeight, coarseStride);
        int Index(int y, int x) => (Array.IndexOf(plan.Ys, y) * plan.Xs.Length) + Array.IndexOf(plan.Xs, x);
        var coarse = cy.SelectMany(y => cx.Select(x => Index(y, x))).ToArray();
        scorer.Score(run, coarse);

        var drops = coarse.Select(k => run.BaseScore - run.ScoreOf(k)).ToArray();
        var hotCount = (int)Math.Ceiling(drill.HotFraction * coarse.Length);
        var hot = Enumerable.Range(0, coarse.Length).OrderByDescending(i => Math.Abs(drops[i])).ThenBy(i => i).Take(hotCount)
            .Select(i => plan.Boxes[coarse[i]]).ToArray();
        var done = coarse.ToHashSet();
        var fine = Enumerable.Range(0, plan.Boxes.Length)
            .Where(k => !done.Contains(k) && hot.Any(h => Math.Abs(plan.Boxes[k].X - h.X) < coarseStride && Math.Abs(plan.Boxes[k].Y - h.Y) < coarseStride))
            .ToArray();
        if (fine.Length > 0)
        {
            scorer.Score(run, fine);
        }

        done.UnionWith(fine);
        for (var k = 0; k < plan.Boxes.Length; k++)
        {
            if (!done.Contains(k))
            {
                run.Estimate(k, Interpolate(run.ScoreOf, cx, cy, plan.Boxes[k].X, plan.Boxes[k].Y, Index), Interpolate(run.ProbabilityOf, cx, cy, plan.Boxes[k].X, plan.Boxes[k].Y, Index));
            }
        }
    }

    /// <summary>Records the clean image and <paramref name="windows"/> from rows of <paramref name="length"/> values, back to back.</summary>
    public static void Record(OcclusionRun run, IReadOnlyList<int> windows, float[] rows, int length)
    {
        run.Record(0, rows.AsSpan(0, length));
        for (var i = 0; i < windows.Count; i++)
        {
            run.Record(windows[i] + 1, rows.AsSpan((i + 1) * length, length));
        }
    }

    private static double Interpolate(Func<int, double> value, int[] cx, int[] cy, int x, int y, Func<int, int, int> index)
    {
        var (x0, x1, tx) = Bracket(cx, x);
        var (y0, y1, ty) = Bracket(cy, y);
        double P(int yy, int xx) => value(index(yy, xx));
        return ((1 - ty) * (((1 - tx) * P(y0, x0)) + (tx * P(y0, x1)))) + (ty * (((1 - tx) * P(y1, x0)) + (tx * P(y1, x1))));
    }

    private static (int Low, int High, double T) Bracket(int[] positions, int p)
    {
        for (var i = 0; i < positions.Length - 1; i++)
        {
            if (p >= positions[i] && p <= positions[i + 1])
            {
                return (positions[i], positions[i + 1], (p - positions[i]) / (double)(positions[i + 1] - positions[i]));
            }
        }

        return (positions[^1], positions[^1], 0);
    }
}
