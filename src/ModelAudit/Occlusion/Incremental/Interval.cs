namespace ModelAudit.Occlusion.Incremental;

/// <summary>An inclusive range of positions along one axis of a map; empty when <see cref="Lo"/> &gt; <see cref="Hi"/>.</summary>
internal readonly record struct Interval(int Lo, int Hi)
{
    public static readonly Interval Empty = new(0, -1);

    public bool IsEmpty => Lo > Hi;

    public int Length => IsEmpty ? 0 : Hi - Lo + 1;

    public Interval Union(Interval other) =>
        IsEmpty ? other : other.IsEmpty ? this : new Interval(Math.Min(Lo, other.Lo), Math.Max(Hi, other.Hi));

    /// <summary>
    /// At most <paramref name="cap"/> positions: the central ones when the range is longer (projective-field truncation).
    /// </summary>
    public Interval Cap(int cap)
    {
        if (Length <= cap)
        {
            return this;
        }

        var lo = Lo + ((Length - cap) / 2);
        return new Interval(lo, lo + cap - 1);
    }
}
