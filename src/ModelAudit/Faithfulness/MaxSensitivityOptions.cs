using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Faithfulness;

/// <summary>Options for <see cref="MaxSensitivity"/>. Checked when used.</summary>
public sealed record MaxSensitivityOptions
{
    /// <summary>
    /// Required: makes a map from a model and an image, e.g. <c>(m, image) => new Saliency(m).Compute(image)</c>; called
    /// once on each image and once on each noisy copy. The image it is given already has the model's input size.
    /// </summary>
    public required Func<AuditModel, RgbImage, IPixelMap> Explainer { get; init; }

    /// <summary>Noisy copies per image. Default 8, 1..256; each costs one call of the explainer.</summary>
    public int Samples { get; init; } = 8;

    /// <summary>
    /// The noise's half-width as a share of the 0..255 pixel range: every channel of every pixel moves by a uniform
    /// amount in ±Radius·255, rounded to whole levels and clamped. Default 0.02 (±5 levels), in (0, 1].
    /// </summary>
    public double Radius { get; init; } = 0.02;

    /// <summary>Seed of the noise. Default 0.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        if (Explainer is null)
        {
            throw new ArgumentException("Explainer must be set: a function that makes a map from a model and an image, e.g. (m, image) => new Saliency(m).Compute(image).", nameof(Explainer));
        }

        if (Samples is < 1 or > 256)
        {
            throw new ArgumentException($"Invalid max-sensitivity options: {nameof(Samples)} is {Samples}; it must lie in 1..256 (each costs one explanation per image).", nameof(Samples));
        }

        if (!(Radius > 0 && Radius <= 1))
        {
            throw new ArgumentException($"Invalid max-sensitivity options: {nameof(Radius)} is {Radius}; it must lie in (0, 1], a share of the 0..255 pixel range.", nameof(Radius));
        }
    }
}
