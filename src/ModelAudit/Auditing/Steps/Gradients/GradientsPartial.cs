namespace ModelAudit.Auditing;

/// <summary>
/// Per image: its id and the share of saliency and of Grad-CAM mass inside its (inflated) box; and the figures of
/// those of the run's first boxed images this shard measured, and the Grad-CAM layer used.
/// </summary>
internal sealed record GradientsPartial(IReadOnlyList<string> Ids, IReadOnlyList<double> SaliencyMassInside, IReadOnlyList<double> GradCamMassInside, IReadOnlyList<ShardFigure> Figures, string GradCamMethod) : StepPartial;
