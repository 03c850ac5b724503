namespace ModelAudit.Auditing;

/// <summary>
/// Per image: the share of saliency and of Grad-CAM mass inside its (inflated) box, each with whether the map carried
/// signal; the figures of those of the run's first boxed images this shard measured; the Grad-CAM layer used; when the
/// model's backward pass could not be built, why no map was made; per extra method whose maps carry one, their trust
/// number (RISE's convergence change, LRP's conservation error); and, per extra method that refused the model, why.
/// </summary>
internal sealed record GradientsPartial(
    IReadOnlyList<ImageOutcome> SaliencyMassInside,
    IReadOnlyList<ImageOutcome> GradCamMassInside,
    IReadOnlyList<ShardFigure> Figures,
    string GradCamMethod,
    string? NotMeasured,
    string? Target = null,
    IReadOnlyDictionary<string, IReadOnlyList<ImageOutcome>>? Methods = null,
    IReadOnlyDictionary<string, MethodReliability>? Reliability = null,
    IReadOnlyDictionary<string, string>? Refused = null) : StepPartial;
