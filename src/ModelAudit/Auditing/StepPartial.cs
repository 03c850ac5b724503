namespace ModelAudit.Auditing;

/// <summary>
/// What one audit measured on one shard of the images: the raw numbers its gates are computed from and the inputs of
/// its figures, so that shards run on different machines combine, without the model, into exactly the result one run
/// over all images would give. Written to <c>shard.json</c> under the audit's registry name.
/// </summary>
internal abstract record StepPartial;
