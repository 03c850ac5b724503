using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Faithfulness;

/// <summary>
/// The efficient model-parameter randomisation test, eMPRT (Hedström et al. 2023, "Sanity Checks Revisited"):
/// randomise every parametrised layer at once, explain the images again, and compare the maps' complexity. An
/// explainer that reads the model draws a noisier, more spread-out map of a random network, so the entropy of its
/// maps rises; one that draws the same map whatever the weights (an edge detector) stays where it was. One randomised
/// model instead of one per layer, and no similarity measure to choose.
/// </summary>
/// <remarks>
/// The weights are drawn as <see cref="RandomisationCheck"/> draws them, from the same seed: the randomised model is
/// the cascade's last stage. Complexity is <see cref="ComplexityMetrics.Entropy"/> (Bhatt et al.); Quantus' eMPRT uses
/// the entropy of a histogram of the values instead, which also rises for such maps.
/// </remarks>
public sealed class EfficientRandomisationCheck(AuditModel model)
{
    /// <summary>Explains <paramref name="images"/> on the trained model and on one fully randomised copy.</summary>
    public EfficientRandomisationCheckResult Compute(IReadOnlyList<RgbImage> images, RandomisationCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (images.Count == 0)
        {
            throw new ArgumentException("The efficient randomisation check needs at least one image.", nameof(images));
        }

        var originals = images.Select(i => options.Explainer(model, i)).ToArray();
        var weights = new WeightRandomisation(model, options.Seed);
        foreach (var layer in weights.Layers)
        {
            weights.Randomise(layer);
        }

        using var randomised = weights.Load($"{model.Name} (all layers random)");
        var maps = images.Select(i => options.Explainer(randomised, i)).ToArray();
        return new EfficientRandomisationCheckResult(
            PixelMapNames.MethodOf(originals[0]),
            originals.Select(ComplexityMetrics.Entropy).ToArray(),
            maps.Select(ComplexityMetrics.Entropy).ToArray(),
            originals.Zip(maps, AttributionMetrics.RankCorrelation).ToArray(),
            weights.Layers.Count);
    }
}
