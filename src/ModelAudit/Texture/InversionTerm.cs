using ModelAudit.Imaging;

namespace ModelAudit.Texture;

/// <summary>
/// One term of a <see cref="FeatureInversion"/> loss: at <paramref name="Layer"/>, the loss <paramref name="Loss"/>
/// builds from the reference image's activation there (its argument; the second is the layer's channel count),
/// weighted by <paramref name="Weight"/>. A style transfer is a content term and a few style terms with other references.
/// </summary>
internal sealed record InversionTerm(string Layer, RgbImage Reference, double Weight, Func<float[], int, FeatureInversion.ActivationLoss> Loss);
