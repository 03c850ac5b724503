namespace ModelAudit.Reporting;

/// <summary>What a check found. Only <see cref="Passed"/> passes a gate; the others close it unless the check allows inconclusive results.</summary>
public enum Verdict
{
    /// <summary>Measured, and the measurement meets the threshold.</summary>
    Passed,

    /// <summary>Measured, and the measurement misses the threshold.</summary>
    Failed,

    /// <summary>Configured but not measured: no usable images, the section disabled by a zero count, … (the reason says which).</summary>
    NotMeasured,

    /// <summary>Measured, but below the signal floor: there was nothing to judge (e.g. a saturated model whose maps are flat).</summary>
    Inconclusive,
}
