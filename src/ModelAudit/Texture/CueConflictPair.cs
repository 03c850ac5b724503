using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Texture;

/// <summary>
/// One cue-conflict image: the shape image (class <see cref="ShapeLabel"/>) with the texture image's (class
/// <see cref="TextureLabel"/>) Gram statistics, the class the model gave it, and how well the transfer worked —
/// the style loss before and after (relative to the texture's Gram matrices; a transfer that failed keeps it near
/// the start) and the final content loss (relative to the shape's activations). The three images are at the model's input size.
/// </summary>
public sealed record CueConflictPair(
    string ShapeId,
    int ShapeLabel,
    string TextureId,
    int TextureLabel,
    int Predicted,
    double Confidence,
    double StyleLossAtStart,
    double StyleLoss,
    double ContentLoss,
    bool ShapeRecognised,
    bool TextureRecognised,
    RgbImage Shape,
    RgbImage Texture,
    RgbImage Image)
{
    /// <summary>Which cue the prediction followed.</summary>
    public CueDecision Decision => CueConflict.Decide(Predicted, ShapeLabel, TextureLabel);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{ShapeId} (class {ShapeLabel}) + texture of {TextureId} (class {TextureLabel}) -> class {Predicted} ({Decision.ToString().ToLowerInvariant()}, {Confidence:0.00}); style loss {StyleLossAtStart:0.000} -> {StyleLoss:0.000}, content loss {ContentLoss:0.000}");
}
