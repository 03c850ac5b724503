namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The suffix's first-order expansion at the clean image, for one target class: its log-odds and their gradient with
/// respect to the split tensor (<see cref="FirstOrderSuffix.Expand"/>).
/// </summary>
internal sealed record SuffixExpansion(int Target, double LogOdds, float[] Gradient);
