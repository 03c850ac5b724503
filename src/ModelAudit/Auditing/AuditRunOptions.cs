namespace ModelAudit.Auditing;

/// <summary>How a config audit runs: threads, a shard of the images, progress, and the clock for provenance.</summary>
public sealed record AuditRunOptions
{
    /// <summary>ONNX Runtime threads; default every core.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Run only shard <c>Index</c> (1-based) of <c>Count</c>: images i with i mod Count = Index − 1.</summary>
    public (int Index, int Count) Shard { get; init; } = (1, 1);

    public IProgress<string>? Progress { get; init; }

    /// <summary>The run time written in provenance; fixed in tests.</summary>
    public DateTimeOffset? RunAt { get; init; }
}
