namespace ModelAudit.Occlusion;

/// <summary>The value of an <see cref="OcclusionScore"/> from one row of class scores.</summary>
internal static class OcclusionScores
{
    /// <summary>
    /// True when the scorers must hand back logits (the input of a final Softmax) rather than probabilities: the
    /// probability score keeps the model's own probabilities, so its maps are what they were before logits existed.
    /// </summary>
    public static bool NeedsLogits(this OcclusionScore score) => score != OcclusionScore.Probability;

    /// <summary>The score of <paramref name="target"/> in <paramref name="row"/> (logits when <see cref="NeedsLogits"/>, else probabilities).</summary>
    public static double Of(OcclusionScore score, ReadOnlySpan<float> row, int target) => score switch
    {
        OcclusionScore.Probability or OcclusionScore.Logit => row[target],
        _ => LogOdds(row, target),
    };

    /// <summary>The target's probability from the same row.</summary>
    public static double Probability(OcclusionScore score, ReadOnlySpan<float> row, int target) =>
        score.NeedsLogits() ? Sigmoid(LogOdds(row, target)) : row[target];

    /// <summary>z_t − log Σ_{k≠t} exp z_k, shifted by the largest other logit so nothing overflows; +∞ with one class.</summary>
    public static double LogOdds(ReadOnlySpan<float> logits, int target)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < logits.Length; k++)
        {
            if (k != target)
            {
                max = Math.Max(max, logits[k]);
            }
        }

        if (double.IsNegativeInfinity(max))
        {
            return double.PositiveInfinity;
        }

        var sum = 0.0;
        for (var k = 0; k < logits.Length; k++)
        {
            if (k != target)
            {
                sum += Math.Exp(logits[k] - max);
            }
        }

        return logits[target] - (max + Math.Log(sum));
    }

    /// <summary>The logit the target needs so that <paramref name="logits"/> (the other classes as they are) has log-odds <paramref name="logOdds"/>.</summary>
    public static double LogitFor(double logOdds, ReadOnlySpan<float> logits, int target) =>
        logOdds + (logits[target] - LogOdds(logits, target));

    public static double Sigmoid(double logOdds) => 1 / (1 + Math.Exp(-logOdds));

    /// <summary>How the score reads in text: "probability", "logit", "log-odds".</summary>
    public static string Describe(this OcclusionScore score) => score switch
    {
        OcclusionScore.Probability => "probability",
        OcclusionScore.Logit => "logit",
        _ => "log-odds",
    };
}
