using ModelAudit.Occlusion.Incremental;

namespace ModelAudit.Occlusion;

/// <summary>Incremental inference through a split model (<see cref="OcclusionMode.Incremental"/>).</summary>
internal sealed class IncrementalScorer(IncrementalRunner runner, int? target, OcclusionScore score) : IOcclusionScorer
{
    public float[] Score(OcclusionRun run, IReadOnlyList<int> windows) => runner.Score(run.Tensor, run.Fill, windows, target, score);
}
