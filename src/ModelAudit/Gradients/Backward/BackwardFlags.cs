namespace ModelAudit.Gradients.Backward;

/// <summary>Variations of the backward graph beyond the ReLU rule.</summary>
[Flags]
internal enum BackwardFlags
{
    None = 0,

    /// <summary>Start from seed ⊙ target: the gradient of Σ seed·target²/2 (DeepDream's objective).</summary>
    SquareTarget = 1,

    /// <summary>
    /// Hold global pools constant: a squeeze-and-excitation gate then acts as a fixed per-channel scale, so a
    /// position's gradient stays inside its receptive field (as the receptive-field walker assumes).
    /// </summary>
    LocalOnly = 2,
}
