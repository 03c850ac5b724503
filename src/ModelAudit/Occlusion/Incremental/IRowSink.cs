using ModelAudit.Targets;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// Where an <see cref="IncrementalRunner"/> puts what it scores. Entry 0 is the clean image and comes first; entry
/// k ≥ 1 is the call's k-th window. Lanes call it side by side.
/// </summary>
internal interface IRowSink
{
    /// <summary>Entry <paramref name="entry"/>'s row: class scores, or the values of the bound target's tensor.</summary>
    void Row(int entry, ReadOnlySpan<float> row);

    /// <summary>Entry <paramref name="entry"/>'s target score, estimated to first order without a row.</summary>
    void Estimate(int entry, double score);

    /// <summary>The bound target as fixed on this image by the clean row; null for class scores.</summary>
    TargetReading? Reading { get; }
}
