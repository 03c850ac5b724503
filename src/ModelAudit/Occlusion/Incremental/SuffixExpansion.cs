namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The suffix's first-order expansion at the clean image: the expanded quantity and its gradient with respect to the
/// split tensor (<see cref="FirstOrderSuffix"/>). For class scores, <see cref="Target"/> and <see cref="Score"/> say
/// what was expanded (the target's logit for <see cref="OcclusionScore.Logit"/>, else its log-odds) and
/// <see cref="Clean"/> is the clean row that windows' rows start from; for a bound target the target's own score is
/// expanded, <see cref="Target"/> is −1 and windows get estimated scores, not rows.
/// </summary>
internal sealed record SuffixExpansion(int Target, OcclusionScore Score, double Value, float[] Gradient, float[] Clean)
{
    public bool IsBound => Target < 0;
}
