namespace ModelAudit.Auditing;

/// <summary>How a config audit runs: threads, a shard of the images, progress, and the clocks for provenance and timings.</summary>
public sealed record AuditRunOptions
{
    /// <summary>ONNX Runtime threads; default every core.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Run only shard <c>Index</c> (1-based) of <c>Count</c>: images i with i mod Count = Index − 1.</summary>
    public (int Index, int Count) Shard { get; init; } = (1, 1);

    /// <summary>
    /// Told when each stage (<c>load</c>, each audit, <c>report</c>) starts, advances and finishes, on the thread that
    /// runs the audit. Default none.
    /// </summary>
    public IProgress<AuditProgress>? Progress { get; init; }

    /// <summary>The run time written in provenance; fixed in tests.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>
    /// The clock the stage timings (<see cref="Reporting.AuditRun.Timings"/>) are measured with. Default the system's; a
    /// clock that stands still makes every timing zero, so two runs give byte-identical reports.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
