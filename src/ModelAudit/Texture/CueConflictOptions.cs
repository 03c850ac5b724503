using ModelAudit.Datasets;

namespace ModelAudit.Texture;

/// <summary>
/// How <see cref="CueConflict"/> makes and judges its cue-conflict images. Each pair costs one style transfer of
/// <see cref="Steps"/> steps: per step, two passes through one backward graph per distinct layer (content and style
/// layers together), and one forward pass per pair to classify. Checked when used.
/// </summary>
public sealed record CueConflictOptions
{
    /// <summary>The shared default options.</summary>
    public static CueConflictOptions Default { get; } = new();

    /// <summary>
    /// Cue-conflict images made. The shapes are the labelled images taken class by class (the first image of each
    /// class, then the second of each, …, cycling when there are fewer than the pairs). The n-th pair of a shape class
    /// takes its texture from the n-th other class, counting on from the shape's class, and each class's textures
    /// serve in a seeded order: with four classes, 12 pairs hold every (shape, texture) class pair once. Default 16.
    /// </summary>
    public int Pairs { get; init; } = 16;

    /// <summary>
    /// The layer (conv node or tensor name) whose activations keep the shape image's content. Default: the conv layer
    /// two thirds of the way from the first to the last, as Gatys et al. take a deep layer (VGG's conv4_2).
    /// </summary>
    public string? ContentLayer { get; init; }

    /// <summary>The layers whose Gram matrices take the texture image's. Default: up to four conv layers spread from the first to the last.</summary>
    public IReadOnlyList<string>? StyleLayers { get; init; }

    /// <summary>Weight of the content loss ‖F − F_shape‖² / ‖F_shape‖². Default 1.</summary>
    public double ContentWeight { get; init; } = 1;

    /// <summary>
    /// Weight of the style loss, the mean over the style layers of ‖G − G_texture‖²_F / ‖G_texture‖²_F. Default 10: on
    /// the shapes fixtures the style loss falls to about 2 % of its start while the shape stays plain to see.
    /// </summary>
    public double StyleWeight { get; init; } = 10;

    /// <summary>Descent steps per cue-conflict image. Default 60.</summary>
    public int Steps { get; init; } = 60;

    /// <summary>Step size, as a share of each channel's value range per unit-RMS gradient, decayed to zero on a cosine. Default 0.02.</summary>
    public double StepSize { get; init; } = 0.02;

    /// <summary>Start each descent from seeded grey noise instead of the shape image (Gatys et al. start from noise). Default false.</summary>
    public bool StartFromNoise { get; init; }

    /// <summary>Seed of each class's texture order and of the starting noise. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Labelled images the textures are taken from. Default: the images the shapes are taken from.</summary>
    public IReadOnlyList<LabeledImage>? Textures { get; init; }

    internal void Validate()
    {
        if (Pairs < 1 || Pairs > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Pairs), Pairs, $"Pairs must lie in [1, 100000]; got {Pairs}.");
        }

        if (StyleLayers is { Count: 0 })
        {
            throw new ArgumentException("StyleLayers is empty; name at least one layer, or leave it null for up to four conv layers.", nameof(StyleLayers));
        }

        if (!(ContentWeight >= 0 && StyleWeight > 0 && double.IsFinite(ContentWeight) && double.IsFinite(StyleWeight)))
        {
            throw new ArgumentOutOfRangeException(nameof(StyleWeight), $"ContentWeight must be finite and at least 0, StyleWeight finite and above 0; got {ContentWeight} and {StyleWeight}.");
        }

        if (Steps < 1 || Steps > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"Steps must lie in [1, 100000]; got {Steps}.");
        }

        if (!(StepSize > 0 && StepSize <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(StepSize), StepSize, $"StepSize must lie in (0, 1]; got {StepSize}.");
        }
    }
}
