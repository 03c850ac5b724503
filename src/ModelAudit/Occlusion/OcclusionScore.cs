namespace ModelAudit.Occlusion;

/// <summary>
/// What <see cref="OcclusionSensitivity"/> watches for the target class t; a window's value in the map is the clean
/// image's score minus the occluded image's. All three come from one forward pass.
/// </summary>
public enum OcclusionScore
{
    /// <summary>
    /// The softmax probability p_t, in 0..1 (Zeiler &amp; Fergus). The default: its drops are bounded and comparable
    /// across models, but a saturated model (p ≈ 1) shows almost none.
    /// </summary>
    Probability,

    /// <summary>
    /// The raw class score z_t before softmax: the model's output, or the input of its final Softmax when it has one.
    /// Captum's default target. Unbounded and on the model's own scale; it ignores what the window does to the other classes.
    /// </summary>
    Logit,

    /// <summary>
    /// The log-odds log(p_t / (1 − p_t)) = z_t − log Σ_{k≠t} exp z_k, computed from the logits (never from a saturated
    /// probability). Keeps the competition between classes that the logit drops, and still moves where p is 1.000.
    /// </summary>
    LogOdds,
}
