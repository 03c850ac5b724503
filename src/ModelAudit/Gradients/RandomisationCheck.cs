using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Gradients;

/// <summary>
/// The model-parameter randomisation test (Adebayo et al., "Sanity Checks for Saliency Maps"): replace the weights of
/// the parametrised layers with seeded Gaussian noise of the same spread, cascading from the top layer down, and
/// measure how much the explanation changes. An explainer that still draws the same map has not read the model.
/// Any pixel map can be checked: gradient maps, occlusion maps, or a map of the user's own.
/// </summary>
public sealed class RandomisationCheck(AuditModel model)
{
    /// <summary>
    /// Runs the cascade over <paramref name="images"/>, explaining each with <see cref="RandomisationCheckOptions.Explainer"/>
    /// on the trained model and on every randomised copy.
    /// </summary>
    public RandomisationCheckResult Compute(IReadOnlyList<RgbImage> images, RandomisationCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (images.Count == 0)
        {
            throw new ArgumentException("The randomisation check needs at least one image.", nameof(images));
        }

        var explain = options.Explainer;
        var originals = images.Select(i => explain(model, i)).ToArray();
        var weights = new WeightRandomisation(model, options.Seed);
        var stages = new List<RandomisationStage>();
        foreach (var layer in weights.Layers)
        {
            weights.Randomise(layer);
            using var randomised = weights.Load($"{model.Name} (random from {layer.Name})");
            var maps = images.Select(i => explain(randomised, i)).ToArray();
            stages.Add(new RandomisationStage(layer.Name,
                originals.Zip(maps, AttributionMetrics.RankCorrelation).Average(),
                originals.Zip(maps, (a, b) => MapSsim.Compute(a.Values, b.Values, a.Width, a.Height, GreyRange.PerMap)).Average()));
        }

        return new RandomisationCheckResult(PixelMapNames.MethodOf(originals[0]), images.Count, stages);
    }
}
