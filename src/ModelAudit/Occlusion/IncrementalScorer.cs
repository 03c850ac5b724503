using ModelAudit.Occlusion.Incremental;

namespace ModelAudit.Occlusion;

/// <summary>Incremental inference through a split model (<see cref="OcclusionMode.Incremental"/>); class targets only.</summary>
internal sealed class IncrementalScorer(IncrementalRunner runner, int classes, OcclusionScore score) : IOcclusionScorer
{
    public void Score(OcclusionRun run, IReadOnlyList<int> windows) =>
        DrillDown.Record(run, windows, runner.Score(run.Tensor, run.Fill, windows, run.ClassTarget, score), classes);
}
