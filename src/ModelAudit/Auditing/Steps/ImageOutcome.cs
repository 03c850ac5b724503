namespace ModelAudit.Auditing;

/// <summary>
/// One image's number for an image-level check: where the image stands in the run (so shards merge in run order), its
/// id, the measured value, and whether it carried signal (an image without signal is inconclusive, never a pass).
/// </summary>
internal sealed record ImageOutcome(int Position, string Id, double Value, bool HasSignal);
