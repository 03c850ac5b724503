using ModelAudit.Imaging;

namespace ModelAudit.Texture;

/// <summary>
/// What a <see cref="FeatureInversion"/> made: the image, the weighted total loss at the start and after every step, and
/// each term's own (unweighted) loss at the start and at the end, in the order the terms were given, and the images
/// it ran through backward graphs (reading an activation is one, as is each step's backward pass).
/// </summary>
internal sealed record InversionResult(RgbImage Image, IReadOnlyList<double> Losses, IReadOnlyList<double> StartTermLosses, IReadOnlyList<double> FinalTermLosses, long BackwardPasses);
