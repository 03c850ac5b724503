namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The suffix's first-order expansion at the clean image, for one target class and score: the expanded quantity (the
/// target's logit for <see cref="OcclusionScore.Logit"/>, else its log-odds) and its gradient with respect to the
/// split tensor (<see cref="FirstOrderSuffix.Expand"/>).
/// </summary>
internal sealed record SuffixExpansion(int Target, OcclusionScore Score, double Value, float[] Gradient);
