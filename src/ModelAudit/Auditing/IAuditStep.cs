namespace ModelAudit.Auditing;

/// <summary>
/// One audit as the config runner runs it, in two halves: <see cref="Measure"/> does the costly model work on one
/// shard of the images; <see cref="Finish"/> combines the shards' measurements, applies the gates and describes the
/// result for the report. A run without shards is one Measure and one Finish.
/// </summary>
internal interface IAuditStep
{
    string Name { get; }

    StepPartial Measure(AuditContext context);

    void Finish(IReadOnlyList<StepPartial> partials, AuditContext context);
}
