namespace ModelAudit.Occlusion;

/// <summary>Scores one image and a subset of its windows.</summary>
internal interface IOcclusionScorer
{
    /// <summary>
    /// Scores the clean image and then each window in <paramref name="windows"/> (indices into the plan's boxes),
    /// recording each row into <paramref name="run"/> in that order (<see cref="OcclusionRun.Record"/>).
    /// </summary>
    void Score(OcclusionRun run, IReadOnlyList<int> windows);
}
