namespace ModelAudit.Occlusion;

/// <summary>Scores one image and a subset of its windows.</summary>
internal interface IOcclusionScorer
{
    /// <summary>
    /// Class scores of the clean image (the first <c>ClassCount</c> values), then of each window in
    /// <paramref name="windows"/> (indices into the plan's boxes), in that order: logits when the options' score
    /// needs them (<see cref="OcclusionScores.NeedsLogits"/>), else probabilities.
    /// </summary>
    float[] Score(OcclusionRun run, IReadOnlyList<int> windows);
}
