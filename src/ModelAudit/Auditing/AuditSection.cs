namespace ModelAudit.Auditing;

/// <summary>
/// One audit's section of an audit config: a key under <c>audits</c>, with that audit's options, thresholds and
/// documented defaults. Each audit defines its own section next to its step; <see cref="AuditRegistry"/> lists them.
/// </summary>
public abstract record AuditSection
{
    /// <summary>
    /// Let this audit's checks that are not measured or inconclusive pass the gate (they are still reported as such).
    /// Default false: a gate never passes what it did not measure.
    /// </summary>
    public bool AllowInconclusive { get; init; }

    /// <summary>Checks every value of the section; <paramref name="check"/> names the key of the first bad one.</summary>
    internal abstract void Validate(ConfigCheck check);
}
