using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Gradients;

/// <summary>Options for <see cref="RandomisationCheck"/>.</summary>
public sealed record RandomisationCheckOptions
{
    /// <summary>
    /// Required: makes a map from a model and an image, called on the trained model and on each randomised copy,
    /// e.g. <c>(m, image) => new Saliency(m).Compute(image)</c> or <c>(m, image) => new OcclusionSensitivity(m).Compute(image)</c>.
    /// Any <see cref="IPixelMap"/> will do; wrap a map of your own in an <see cref="AttributionMap"/>. A randomised copy
    /// is disposed once its maps are made.
    /// </summary>
    public required Func<AuditModel, RgbImage, IPixelMap> Explainer { get; init; }

    /// <summary>Seed of the random weights. Default 0.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        if (Explainer is null)
        {
            throw new ArgumentException("Explainer must be set: a function that makes a map from a model and an image, e.g. (m, image) => new Saliency(m).Compute(image).", nameof(Explainer));
        }
    }
}
