namespace ModelAudit.Occlusion;

/// <summary>Scores one image and a subset of its windows.</summary>
internal interface IOcclusionScorer
{
    /// <summary>
    /// Scores the clean image and then each window in <paramref name="windows"/> (indices into the plan's boxes),
    /// recording each row into <paramref name="run"/> (<see cref="OcclusionRun.Record"/>); the clean image first.
    /// <paramref name="scored"/>, when given, hears now and then how many of the entries are done.
    /// </summary>
    void Score(OcclusionRun run, IReadOnlyList<int> windows, Action<int>? scored = null);
}
