using ModelAudit.Imaging;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// How incremental occlusion runs for one set of windows: the prefix stages up to the split tensor, and for every
/// window and stage the changed region and the crop that recomputes it. The suffix runs from the last stage's output.
/// </summary>
internal sealed class IncrementalPlan
{
    public IncrementalPlan(IReadOnlyList<IncrementalStage> stages, IReadOnlyList<PixelBox> windows, double truncation, double estimatedSpeedUp)
    {
        Stages = stages;
        Windows = windows;
        EstimatedSpeedUp = estimatedSpeedUp;
        Traces = new WindowTrace[windows.Count][];
        CropHeights = new int[stages.Count];
        CropWidths = new int[stages.Count];
        var caps = stages.Select(s => (Cap(s.Y.OutputLength, truncation), Cap(s.X.OutputLength, truncation))).ToArray();
        for (var k = 0; k < windows.Count; k++)
        {
            Traces[k] = new WindowTrace[stages.Count];
            (int From, int To) rows = (windows[k].Y, windows[k].Bottom), columns = (windows[k].X, windows[k].Right);
            for (var s = 0; s < stages.Count; s++)
            {
                var r = rows.To > rows.From ? stages[s].Y.Changed(rows.From, rows.To, caps[s].Item1) : (0, -1);
                var c = columns.To > columns.From ? stages[s].X.Changed(columns.From, columns.To, caps[s].Item2) : (0, -1);
                Traces[k][s] = new WindowTrace(r, c, default, default);
                if (r.Item1 <= r.Item2 && c.Item1 <= c.Item2)
                {
                    CropHeights[s] = Math.Max(CropHeights[s], stages[s].Y.Needed(r.Item1, r.Item2));
                    CropWidths[s] = Math.Max(CropWidths[s], stages[s].X.Needed(c.Item1, c.Item2));
                }

                (rows, columns) = ((r.Item1, r.Item2 + 1), (c.Item1, c.Item2 + 1));
            }
        }

        foreach (var traces in Traces)
        {
            for (var s = 0; s < stages.Count; s++)
            {
                var t = traces[s];
                if (!t.IsEmpty)
                {
                    traces[s] = t with { CropY = stages[s].Y.Crop(t.Rows.Lo, t.Rows.Hi, CropHeights[s]), CropX = stages[s].X.Crop(t.Columns.Lo, t.Columns.Hi, CropWidths[s]) };
                }
            }
        }
    }

    public IReadOnlyList<IncrementalStage> Stages { get; }

    public IReadOnlyList<PixelBox> Windows { get; }

    /// <summary>The tensor the suffix starts from.</summary>
    public string Split => Stages[^1].To;

    /// <summary>Full multiply-adds per window over the plan's, by the cost model.</summary>
    public double EstimatedSpeedUp { get; }

    /// <summary>Per window, per stage.</summary>
    public WindowTrace[][] Traces { get; }

    /// <summary>Per stage: the usual crop height (crops that reach the input's far edge may be longer or shorter).</summary>
    public int[] CropHeights { get; }

    public int[] CropWidths { get; }

    private static int Cap(int length, double truncation) =>
        truncation >= 1 ? int.MaxValue : Math.Max(1, (int)Math.Ceiling(truncation * length));
}
