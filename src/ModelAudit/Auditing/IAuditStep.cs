namespace ModelAudit.Auditing;

/// <summary>
/// One audit as the config runner runs it, in two halves: <see cref="Measure"/> does all the model work on one shard
/// of the images, including what the report's figures need; <see cref="Finish"/> combines the shards' measurements,
/// applies the gates and describes the result for the report without a model. A run without shards is one Measure
/// and one Finish.
/// </summary>
internal interface IAuditStep
{
    StepPartial Measure(MeasureContext context);

    void Finish(IReadOnlyList<StepPartial> partials, FinishContext context);
}
