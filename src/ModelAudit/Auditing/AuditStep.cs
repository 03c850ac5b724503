namespace ModelAudit.Auditing;

/// <summary>An <see cref="IAuditStep"/> whose shard measurements are <typeparamref name="TPartial"/>.</summary>
internal abstract class AuditStep<TPartial> : IAuditStep
    where TPartial : StepPartial
{
    public abstract TPartial Measure(MeasureContext context);

    public abstract void Finish(IReadOnlyList<TPartial> partials, FinishContext context);

    StepPartial IAuditStep.Measure(MeasureContext context) => Measure(context);

    void IAuditStep.Finish(IReadOnlyList<StepPartial> partials, FinishContext context) => Finish(partials.Cast<TPartial>().ToArray(), context);
}
