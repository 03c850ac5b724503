namespace ModelAudit.Occlusion;

/// <summary>Scores one image and a subset of its windows.</summary>
internal interface IOcclusionScorer
{
    /// <summary>
    /// Class probabilities of the clean image (the first <c>ClassCount</c> values), then of each window in
    /// <paramref name="windows"/> (indices into the plan's boxes), in that order.
    /// </summary>
    float[] Score(OcclusionRun run, IReadOnlyList<int> windows);
}
