using ModelAudit.Imaging;

namespace ModelAudit.Texture;

/// <summary>
/// One image for <see cref="FeatureInversion"/> to make: its loss terms, and where its descent starts — from
/// <paramref name="Start"/>, or from grey noise drawn with <paramref name="Seed"/> when that is null.
/// </summary>
internal sealed record InversionProblem(IReadOnlyList<InversionTerm> Terms, RgbImage? Start, int Seed);
