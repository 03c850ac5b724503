namespace ModelAudit.Faithfulness;

/// <summary>How reports name a <see cref="PerturbationFill"/>.</summary>
internal static class FillNames
{
    public static string Of(PerturbationFill fill) => fill == PerturbationFill.NoisyLinear ? "noisy-linear" : fill.ToString().ToLowerInvariant();
}
