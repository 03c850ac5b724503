using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Faithfulness;

/// <summary>
/// A map that knows nothing: seeded uniform noise at the model's input size. The control of the faithfulness audits: a
/// method whose deletion and insertion curves do not beat these maps' has not found the pixels the model uses. The
/// model only gives the input size.
/// </summary>
public sealed class RandomBaseline(AuditModel model)
{
    /// <summary>One random map per image, method <c>random</c>; image i draws from its own stream of <paramref name="seed"/>.</summary>
    public IReadOnlyList<AttributionMap> Compute(IReadOnlyList<RgbImage> images, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        return images.Select((image, i) => Compute(image, SeedMix.Of(seed, i, 0))).ToArray();
    }

    /// <summary>A random map for one image.</summary>
    public AttributionMap Compute(RgbImage image, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        var random = new Random(seed);
        var values = new float[model.Spec.Width * model.Spec.Height];
        for (var p = 0; p < values.Length; p++)
        {
            values[p] = random.NextSingle();
        }

        return new AttributionMap("random", model.Spec.Place(image), -1, "nothing", float.NaN, model.Spec.Width, model.Spec.Height, values);
    }
}
