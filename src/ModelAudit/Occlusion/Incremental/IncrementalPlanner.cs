using ModelAudit.Activations;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// Chooses where to split the graph and which cuts to use as stages, with a cost model of multiply-adds per window:
/// each stage recomputes only the crop its changed region needs, the suffix runs in full from the split tensor.
/// </summary>
internal static class IncrementalPlanner
{
    // Per stage and window: copying crops in and patches out, and a share of ONNX Runtime's per-run cost, in
    // multiply-add equivalents (about 10 µs at this machine's ~200 GMAC/s).
    private const double StageOverhead = 15e6;

    /// <summary>
    /// The cheapest plan, or null when none saves at least 10% over full re-inference. With <paramref name="cuts"/>
    /// the stages end exactly at those tensors, in order (for tests).
    /// </summary>
    public static IncrementalPlan? Choose(GraphLocality locality, OcclusionPlan windows, double truncation, IReadOnlyList<string>? cuts = null)
    {
        var all = Enumerable.Range(0, locality.Graph.Proto.Graph.Node.Count).ToArray();
        var (sizes, full) = SpatialShapes.Propagate(locality, all, locality.Input, windows.Height, windows.Width);
        var points = new List<(string Tensor, ReceptiveField Field)> { (locality.Input, ReceptiveField.Identity) };
        foreach (var cut in cuts ?? locality.Cuts)
        {
            try
            {
                points.Add((cut, ReceptiveField.Of(locality.Graph, cut)));
            }
            catch (NotSupportedException) when (cuts is null)
            {
                // A cut the receptive-field walk cannot trace is simply not a candidate.
            }
        }

        var (y, x) = (windows.Ys[windows.Ys.Length / 2], windows.Xs[windows.Xs.Length / 2]);
        var box = windows.Boxes.First(b => b.X == x && b.Y == y);
        var best = new double[points.Count];
        var previous = new int[points.Count];
        Array.Fill(best, double.PositiveInfinity);
        best[0] = 0;
        for (var j = 1; j < points.Count; j++)
        {
            var (hj, wj) = sizes[points[j].Tensor];
            var field = points[j].Field;
            var direct = new IncrementalStage(locality.Input, points[j].Tensor, new StageAxis(windows.Height, hj, field.Height, field.JumpY, field.StartY),
                new StageAxis(windows.Width, wj, field.Width, field.JumpX, field.StartX), []);
            var rows = direct.Y.Changed(box.Y, box.Bottom, Cap(hj, truncation));
            var columns = direct.X.Changed(box.X, box.Right, Cap(wj, truncation));
            for (var i = cuts is null ? 0 : j - 1; i < j; i++)
            {
                if (double.IsInfinity(best[i]) || Stage(locality, sizes, points[i], points[j]) is not { } stage)
                {
                    continue;
                }

                var (needY, needX) = (stage.Y.Needed(rows.Lo, rows.Hi), stage.X.Needed(columns.Lo, columns.Hi));
                var cost = best[i] + StageOverhead + SpatialShapes.Propagate(locality, stage.Nodes, stage.From, needY, needX).MultiplyAdds;
                if (cost < best[j])
                {
                    (best[j], previous[j]) = (cost, i);
                }
            }
        }

        var (end, total) = (-1, double.PositiveInfinity);
        for (var j = cuts is null ? 1 : points.Count - 1; j < points.Count; j++)
        {
            var suffix = locality.NodesBetween(points[j].Tensor, locality.Output) ?? [];
            var cost = best[j] + SpatialShapes.Propagate(locality, suffix, points[j].Tensor, sizes[points[j].Tensor].H, sizes[points[j].Tensor].W).MultiplyAdds;
            if (cost < total)
            {
                (end, total) = (j, cost);
            }
        }

        if (end < 1 || (cuts is null && total > 0.9 * full))
        {
            return null;
        }

        var chain = new List<IncrementalStage>();
        for (var j = end; j > 0; j = previous[j])
        {
            chain.Insert(0, Stage(locality, sizes, points[previous[j]], points[j])!);
        }

        return new IncrementalPlan(chain, windows.Boxes, truncation, full / total);
    }

    /// <summary>The stage between two cuts, with its field relative to its own input; null when the fields do not compose.</summary>
    private static IncrementalStage? Stage(GraphLocality locality, Dictionary<string, (int H, int W)> sizes, (string Tensor, ReceptiveField Field) from, (string Tensor, ReceptiveField Field) to)
    {
        static StageAxis? Axis(int inLength, int outLength, (int Size, int Jump, int Start) a, (int Size, int Jump, int Start) b)
        {
            if (b.Jump % a.Jump != 0 || (b.Size - a.Size) % a.Jump != 0 || (b.Start - a.Start) % a.Jump != 0)
            {
                return null;
            }

            return new StageAxis(inLength, outLength, ((b.Size - a.Size) / a.Jump) + 1, b.Jump / a.Jump, (b.Start - a.Start) / a.Jump);
        }

        var (f, t) = (from.Field, to.Field);
        var y = Axis(sizes[from.Tensor].H, sizes[to.Tensor].H, (f.Height, f.JumpY, f.StartY), (t.Height, t.JumpY, t.StartY));
        var x = Axis(sizes[from.Tensor].W, sizes[to.Tensor].W, (f.Width, f.JumpX, f.StartX), (t.Width, t.JumpX, t.StartX));
        var nodes = locality.NodesBetween(from.Tensor, to.Tensor);
        return y is null || x is null || nodes is null ? null : new IncrementalStage(from.Tensor, to.Tensor, y, x, nodes);
    }

    private static int Cap(int length, double truncation) =>
        truncation >= 1 ? int.MaxValue : Math.Max(1, (int)Math.Ceiling(truncation * length));
}
