namespace ModelAudit.Auditing;

/// <summary>Per image: its id and the share of saliency and of Grad-CAM mass inside its (inflated) box.</summary>
internal sealed record GradientsPartial(IReadOnlyList<string> Ids, IReadOnlyList<double> SaliencyMassInside, IReadOnlyList<double> GradCamMassInside) : StepPartial;
