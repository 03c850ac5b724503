using System.Globalization;
using ModelAudit.Snapshots;

namespace ModelAudit.Texture;

/// <summary>
/// The outcome of <see cref="CueConflict"/>: every pair, the decision counts and the shape bias, how well the
/// transfers worked on average, the layers used, and what it cost (forward passes to classify, images run through
/// backward graphs to synthesise).
/// </summary>
public sealed record CueConflictResult(
    IReadOnlyList<CueConflictPair> Pairs,
    string ContentLayer,
    IReadOnlyList<string> StyleLayers,
    int Steps,
    long ForwardPasses,
    long BackwardPasses) : ISnapshotSource
{
    public int ShapeDecisions => Pairs.Count(p => p.Decision == CueDecision.Shape);

    public int TextureDecisions => Pairs.Count(p => p.Decision == CueDecision.Texture);

    /// <summary>Decisions for a class that neither the shape nor the texture had.</summary>
    public int OtherDecisions => Pairs.Count(p => p.Decision == CueDecision.Other);

    /// <summary>shape / (shape + texture) decisions (Geirhos et al.); NaN when no decision followed either cue.</summary>
    public double ShapeBias => CueConflict.ShapeBias(ShapeDecisions, TextureDecisions);

    /// <summary>Whether at least half of the pairs, and at least one, were classified as their shape's or their texture's class (<see cref="CueConflict.Conclusive"/>).</summary>
    public bool IsConclusive => CueConflict.Conclusive(ShapeDecisions, TextureDecisions, Pairs.Count);

    /// <summary>Mean style loss of the images the descents started from (the shape images, unless started from noise).</summary>
    public double MeanStyleLossAtStart => Pairs.Average(p => p.StyleLossAtStart);

    /// <summary>Mean style loss of the cue-conflict images: near <see cref="MeanStyleLossAtStart"/> when the texture did not transfer.</summary>
    public double MeanStyleLoss => Pairs.Average(p => p.StyleLoss);

    /// <summary>Mean content loss of the cue-conflict images: near 1 or above when the shape was lost.</summary>
    public double MeanContentLoss => Pairs.Average(p => p.ContentLoss);

    /// <summary>The grid picture: shape | texture | cue-conflict image | prediction, one pair per row.</summary>
    public Imaging.RgbImage Render(IReadOnlyList<string>? classNames = null, int maxPairs = 8) => CueConflictRendering.Render(this, classNames, maxPairs);

    public Snapshot ToSnapshot() => Snapshot.Of(
        new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["pairs"] = Pairs.Count,
            ["shape_decisions"] = ShapeDecisions,
            ["texture_decisions"] = TextureDecisions,
            ["other_decisions"] = OtherDecisions,
            ["shape_bias"] = ShapeBias,
            ["style_loss_start"] = MeanStyleLossAtStart,
            ["style_loss"] = MeanStyleLoss,
            ["content_loss"] = MeanContentLoss,
        },
        ("pairs", Render()));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Pairs.Count} pairs: {ShapeDecisions} shape, {TextureDecisions} texture, {OtherDecisions} neither; shape bias {ShapeBias:0.00}; style loss {MeanStyleLossAtStart:0.000} -> {MeanStyleLoss:0.000}, content loss {MeanContentLoss:0.000} (content {ContentLayer}, style {string.Join(", ", StyleLayers)}, {Steps} steps)");
}
