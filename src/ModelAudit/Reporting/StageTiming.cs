namespace ModelAudit.Reporting;

/// <summary>
/// How long one stage of a run took, and how many images it ran through the model. Wall time is not deterministic, so
/// it is kept out of the checks and section metrics that baselines and fingerprints read.
/// </summary>
/// <param name="Stage">The stage: <c>load</c>, an audit's name, or <c>total</c>.</param>
/// <param name="WallTime">Elapsed wall-clock time.</param>
/// <param name="ForwardPasses">Images run forward through the model's session (incremental occlusion's partial passes are not counted).</param>
/// <param name="BackwardPasses">Images run through a backward (gradient) session.</param>
public sealed record StageTiming(string Stage, TimeSpan WallTime, long ForwardPasses, long BackwardPasses);
