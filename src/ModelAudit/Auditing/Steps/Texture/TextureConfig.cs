namespace ModelAudit.Auditing;

/// <summary>
/// The <c>texture</c> audit: each chosen layer's Gram matrices (Gatys et al.'s texture statistics) over the images —
/// pictures, spectra, effective rank — and, in <c>modelaudit compare</c>, how far the candidate's moved from the
/// baseline's on the same images. With <see cref="CueConflictPairs"/>, Geirhos et al.'s cue-conflict test: does the
/// model follow an image's shape or its texture?
/// </summary>
public sealed record TextureConfig : AuditSection
{
    /// <summary>Layers (conv node or tensor names). Default up to four conv layers spread from the first to the last.</summary>
    public IReadOnlyList<string>? Layers { get; init; }

    /// <summary>Images whose Gram matrices are taken (one forward pass each). Default 16; 0 disables the audit.</summary>
    public int MaxImages { get; init; } = 16;

    /// <summary>
    /// Gate for <c>modelaudit compare</c>: the largest, over the layers, mean relative distance between the two models'
    /// Gram matrices of each image. A plain audit has one model and reports this check as not measured.
    /// </summary>
    public double? MaxDrift { get; init; }

    /// <summary>
    /// Cue-conflict images made (Geirhos et al. 2019): the shape of one labelled image given the texture of one of
    /// another class by style transfer through the model's own layers (content at one layer, Gram matrices at the
    /// <c>layers</c>), then classified. Each costs about 2 × <c>cue_conflict_steps</c> images through backward graphs
    /// per distinct layer (content and style layers together): 367 on the three-conv shapes net at the default steps,
    /// about 4 s a pair on a busy 2-core machine. Default 0: off, for that cost and because the test cannot see a cue
    /// every image carries in one place (a corner mark is content to the layers that read it, so it stays with the
    /// shape); the shortcut audit finds those.
    /// </summary>
    public int CueConflictPairs { get; init; }

    /// <summary>Descent steps per cue-conflict image. Default 60.</summary>
    public int CueConflictSteps { get; init; } = Texture.CueConflictOptions.Default.Steps;

    /// <summary>The layer (conv node or tensor name) that keeps the shape image's content. Default: the conv layer two thirds of the way from the first to the last.</summary>
    public string? CueConflictContentLayer { get; init; }

    /// <summary>
    /// Gate: the shape bias on the cue-conflict images, shape / (shape + texture) decisions, 0..1. Inconclusive when
    /// fewer than half of the pairs end in a decision for either cue. Default none (reported when pairs are made).
    /// </summary>
    public double? MinShapeBias { get; init; }

    internal const string DriftCheck = "texture drift from the baseline model (largest over the layers)";

    internal const string ShapeBiasCheck = "shape bias on cue-conflict images, shape / (shape + texture) decisions";

    internal Texture.TextureOptions Options => new() { Layers = Layers };

    internal Texture.CueConflictOptions CueConflictOptions => new()
    {
        Pairs = Math.Max(1, CueConflictPairs),
        Steps = CueConflictSteps,
        StyleLayers = Layers,
        ContentLayer = CueConflictContentLayer,
    };

    internal override void Validate(ConfigCheck check)
    {
        if (Layers is { Count: 0 })
        {
            check.Fail("layers", "is empty; name at least one layer, or leave the key out for four conv layers.");
        }

        check.Range("max_images", MaxImages, 0, 100_000);
        check.Threshold("max_drift", MaxDrift, 0, 1000);
        check.Range("cue_conflict_pairs", CueConflictPairs, 0, 10_000);
        check.Range("cue_conflict_steps", CueConflictSteps, 1, 10_000);
        if (CueConflictContentLayer is { Length: 0 })
        {
            check.Fail("cue_conflict_content_layer", "is empty; name a layer, or leave the key out for the conv layer two thirds of the way down.");
        }

        check.Threshold("min_shape_bias", MinShapeBias, 0, 1);
    }
}
