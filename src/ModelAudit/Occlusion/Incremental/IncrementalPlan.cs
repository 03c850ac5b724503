using ModelAudit.Imaging;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// How incremental occlusion runs for one set of windows: the units up to the split tensor and, for every window,
/// the region each unit's output changes. The suffix runs in full from the split tensor.
/// </summary>
internal sealed class IncrementalPlan
{
    // Per window, per tensor id.
    private readonly Footprint[][] _footprints;

    public IncrementalPlan(UnitGraph graph, int units, IReadOnlyList<PixelBox> windows, double truncation, double estimatedSpeedUp)
    {
        Units = graph.Units.Take(units).ToArray();
        Windows = windows;
        EstimatedSpeedUp = estimatedSpeedUp;

        // Tensor 0 is the model input; tensor u + 1 is unit u's output.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal) { [graph.Locality.Input] = 0 };
        for (var u = 0; u < Units.Count; u++)
        {
            ids[Units[u].Output] = u + 1;
        }

        WindowedId = Units.Select(u => u.Windowed is null ? -1 : ids[u.Windowed]).ToArray();
        SideIds = Units.Select(u => u.Sides.Select(s => ids[s]).ToArray()).ToArray();
        LastUse = new int[Units.Count + 1];
        for (var u = 0; u < Units.Count; u++)
        {
            foreach (var id in SideIds[u].Append(WindowedId[u]).Where(i => i >= 0))
            {
                LastUse[id] = u;
            }
        }

        LastUse[^1] = Units.Count;
        MaxLivePatchSets = Enumerable.Range(0, Units.Count).Max(u => 1 + Enumerable.Range(1, u).Count(id => LastUse[id] >= u));
        _footprints = new Footprint[windows.Count][];
        for (var k = 0; k < windows.Count; k++)
        {
            _footprints[k] = new Footprint[Units.Count + 1];
            _footprints[k][0] = new Footprint(new Interval(windows[k].Y, windows[k].Bottom - 1), new Interval(windows[k].X, windows[k].Right - 1));
        }

        for (var u = 0; u < Units.Count; u++)
        {
            var unit = Units[u];
            for (var k = 0; k < windows.Count; k++)
            {
                var footprints = _footprints[k];
                var (rows, columns) = WindowedId[u] >= 0
                    ? (unit.Y.Affected(footprints[WindowedId[u]].Rows), unit.X.Affected(footprints[WindowedId[u]].Columns))
                    : (Interval.Empty, Interval.Empty);
                foreach (var side in SideIds[u])
                {
                    (rows, columns) = (rows.Union(footprints[side].Rows), columns.Union(footprints[side].Columns));
                }

                if (truncation < 1)
                {
                    (rows, columns) = (rows.Cap(Cap(unit.Y.OutputLength, truncation)), columns.Cap(Cap(unit.X.OutputLength, truncation)));
                }

                footprints[u + 1] = rows.IsEmpty || columns.IsEmpty ? Footprint.None : new Footprint(rows, columns);
            }
        }
    }

    public IReadOnlyList<IncrementalUnit> Units { get; }

    public IReadOnlyList<PixelBox> Windows { get; }

    /// <summary>The tensor the suffix starts from.</summary>
    public string Split => Units[^1].Output;

    /// <summary>Full multiply-adds per window over the plan's, by the cost model.</summary>
    public double EstimatedSpeedUp { get; }


    /// <summary>Per unit: the tensor id of its windowed input, or −1.</summary>
    public int[] WindowedId { get; }

    /// <summary>Per unit: the tensor ids of its side inputs.</summary>
    public int[][] SideIds { get; }

    /// <summary>Per tensor id: the last unit that reads it (the unit count for the split tensor, which the suffix reads).</summary>
    public int[] LastUse { get; }

    /// <summary>
    /// The rows and columns that window <paramref name="window"/> (an index into <see cref="Windows"/>) changes in tensor
    /// <paramref name="tensor"/> (0: the input, u + 1: unit u's output).
    /// </summary>
    public Footprint FootprintOf(int window, int tensor) => _footprints[window][tensor];

    /// <summary>The most tensors whose patches are kept at once while the units run: unit u's output and every earlier one read at u or later.</summary>
    public int MaxLivePatchSets { get; }

    /// <summary>The values of window <paramref name="window"/>'s patch of unit <paramref name="unit"/>'s output.</summary>
    public long PatchFloats(int window, int unit)
    {
        var (rows, columns) = _footprints[window][unit + 1];
        return rows.IsEmpty ? 0 : (long)Units[unit].Channels.Output * rows.Length * columns.Length;
    }

    private static int Cap(int length, double truncation) =>
        truncation >= 1 ? int.MaxValue : Math.Max(1, (int)Math.Ceiling(truncation * length));
}
