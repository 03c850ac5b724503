namespace ModelAudit.Auditing;

/// <summary>
/// One entry of <see cref="AuditRegistry"/>: the audit's key in a config, its section type, the type of what it measures
/// on a shard, and how to make its step from a section.
/// </summary>
internal sealed record AuditStepKind(string Name, Type Section, Type Partial, Func<AuditSection, IAuditStep> Create)
{
    public static AuditStepKind Of<TSection, TPartial>(string name, Func<TSection, AuditStep<TPartial>> create)
        where TSection : AuditSection
        where TPartial : StepPartial =>
        new(name, typeof(TSection), typeof(TPartial), section => create((TSection)section));
}
