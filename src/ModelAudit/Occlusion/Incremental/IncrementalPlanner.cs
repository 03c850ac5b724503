namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// Chooses where the incremental prefix ends, with a cost model per window: each unit's multiply-adds over the region
/// a window changes, plus the copies that build its crops, against the suffix's full multiply-adds from there on.
/// </summary>
internal static class IncrementalPlanner
{
    // A float copied into a crop or out of a patch costs about as much time as this many multiply-adds
    // (a copy moves ~3 floats/ns; convolutions run at ~200 multiply-adds/ns on this class of machine).
    private const double CopyCost = 60;

    // Per unit and window: a share of ONNX Runtime's per-run cost, in multiply-add equivalents.
    private const double RunCost = 2e5;

    // Crops run slower than whole maps: each unit's run reorders its inputs and output to and from the blocked layout
    // ONNX Runtime computes in, and small maps fill its kernels less well. Measured on ResNet-18: ~1.25× per multiply-add.
    private const double UnitOverhead = 1.25;

    /// <summary>
    /// The cheapest plan, or null when none saves at least 10% over full re-inference. With <paramref name="split"/>
    /// the prefix ends exactly at that tensor (a first-order suffix's <c>From</c>, or a test's choice).
    /// </summary>
    public static IncrementalPlan? Choose(UnitGraph graph, OcclusionPlan windows, double truncation, string? split = null)
    {
        var units = graph.Units;
        var cuts = graph.Splits.ToHashSet(StringComparer.Ordinal);
        if (split is not null && !cuts.Contains(split))
        {
            throw new ArgumentException($"'{split}' is not a tensor incremental occlusion can split at; candidates: {string.Join(", ", graph.Splits)}.");
        }

        if (units.Count == 0)
        {
            return null;
        }

        // Regions of every unit, for every window, to price each unit on average.
        var all = new IncrementalPlan(graph, units.Count, windows.Boxes, truncation, 1);
        var (best, bestCost, prefix) = (-1, double.PositiveInfinity, 0.0);
        for (var u = 0; u < units.Count; u++)
        {
            prefix += UnitCost(all, u);
            var unit = units[u];
            if (!cuts.Contains(unit.Output) || (split is not null && unit.Output != split))
            {
                continue;
            }

            var (h, w) = graph.Sizes[unit.Output];
            var suffix = graph.Locality.NodesBetween(unit.Output, graph.Locality.Output)!;
            var cost = prefix + SpatialShapes.Propagate(graph.Locality, suffix, unit.Output, h, w).MultiplyAdds
                + (CopyCost * unit.Channels.Output * h * w);
            if (cost < bestCost)
            {
                (best, bestCost) = (u, cost);
            }
        }

        return best < 0 || (split is null && bestCost > 0.9 * graph.FullMultiplyAdds)
            ? null
            : new IncrementalPlan(graph, best + 1, windows.Boxes, truncation, graph.FullMultiplyAdds / bestCost);
    }

    private static double UnitCost(IncrementalPlan plan, int u)
    {
        var unit = plan.Units[u];
        double total = 0;
        for (var k = 0; k < plan.Windows.Count; k++)
        {
            var (rows, columns) = plan.FootprintOf(k, u + 1);
            if (rows.IsEmpty)
            {
                continue;
            }

            var area = (double)rows.Length * columns.Length;
            var crop = unit.Windowed is null ? 0 : (double)unit.Y.CropLength(rows.Length) * unit.X.CropLength(columns.Length);
            var copies = (crop * unit.Channels.Windowed) + (area * (unit.Channels.Sides + unit.Channels.Output));
            total += (UnitOverhead * area * unit.MultiplyAddsPerPosition) + (CopyCost * copies) + RunCost;
        }

        return total / plan.Windows.Count;
    }
}
