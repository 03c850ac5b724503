using ModelAudit.Assertions.Imaging;
using ModelAudit.Occlusion;

namespace ModelAudit.Assertions.Occlusion;

/// <summary>
/// Localisation assertions on an <see cref="OcclusionMap"/> (see <see cref="PixelMapAssertions{TMap, TSelf}"/>).
/// Failures add the largest drop and the base probability to the peak, so a shortcut shows where it sits.
/// </summary>
public sealed class OcclusionMapAssertions(OcclusionMap subject) : PixelMapAssertions<OcclusionMap, OcclusionMapAssertions>(subject)
{
    protected override string Identifier => "occlusion map";

    private protected override string MassName => "positive drop mass";

    private protected override string Describe(OcclusionMap map) => Numbers.Invariant($" for {map.TargetName}");

    private protected override string Diagnose(OcclusionMap map) => map.Score == OcclusionScore.Probability
        ? Numbers.Invariant($"; max drop {map.MaxDrop:0.00} at window {map.MostDamaging.Box}; base p {map.BaseProbability:0.00}")
        : Numbers.Invariant($"; max {ScoreName(map.Score)} drop {map.MaxDrop:0.00} at window {map.MostDamaging.Box}; base {ScoreName(map.Score)} {map.BaseScore:0.00}, p {map.BaseProbability:0.00}");

    private static string ScoreName(OcclusionScore score) => score == OcclusionScore.Logit ? "logit" : "log-odds";
}
