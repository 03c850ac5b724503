namespace ModelAudit.Auditing;

/// <summary>
/// The cue-conflict test of the run (measured on the first shard): one row per pair, the layers and steps used, what it
/// cost, the picture of the first pairs, or why nothing was measured.
/// </summary>
internal sealed record CueConflictPartial(
    IReadOnlyList<CueConflictRow> Pairs,
    string ContentLayer,
    IReadOnlyList<string> StyleLayers,
    int Steps,
    long ForwardPasses,
    long BackwardPasses,
    IReadOnlyList<ShardFigure> Figures,
    string? NotMeasured);

/// <summary>One cue-conflict image's numbers (<see cref="Texture.CueConflictPair"/> without its pictures).</summary>
internal sealed record CueConflictRow(
    string ShapeId,
    int ShapeLabel,
    string TextureId,
    int TextureLabel,
    int Predicted,
    double Confidence,
    string Decision,
    double StyleLossAtStart,
    double StyleLoss,
    double ContentLoss,
    bool ShapeRecognised,
    bool TextureRecognised);
