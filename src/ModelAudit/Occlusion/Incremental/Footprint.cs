namespace ModelAudit.Occlusion.Incremental;

/// <summary>The rows and columns of one tensor that one window changes; empty when the window does not reach it.</summary>
internal readonly record struct Footprint(Interval Rows, Interval Columns)
{
    public static readonly Footprint None = new(Interval.Empty, Interval.Empty);

    /// <summary>The plan empties the rows and the columns together, so the rows tell.</summary>
    public bool IsEmpty => Rows.IsEmpty;
}
