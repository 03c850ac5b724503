namespace ModelAudit.Auditing;

/// <summary>
/// The faithfulness audit of the run (measured on the first shard: the controls and the randomised model are shared by
/// every image): one row per method and per control, the curve figures, and why nothing was measured when that is so.
/// </summary>
internal sealed record FaithfulnessPartial(
    IReadOnlyList<FaithfulnessRow> Rows,
    IReadOnlyList<ShardFigure> Figures,
    int Images,
    string? NotMeasured) : StepPartial;

/// <summary>
/// One method's (or control's) numbers, or why its maps could not be made (<c>Problem</c>): mean normalised insertion and deletion AUC, the per-image insertion AUCs, the
/// faithfulness correlation, complexity, the randomisation check and max-sensitivity (NaN when not run), and the
/// forward passes its measurements cost per image.
/// </summary>
internal sealed record FaithfulnessRow(
    string Method,
    string Name,
    bool IsControl,
    string? Problem,
    double InsertionAuc,
    double DeletionAuc,
    IReadOnlyList<double> ImageInsertionAucs,
    int MeasuredImages,
    double FaithfulnessCorrelation,
    double Gini,
    double Entropy,
    double RandomisationCorrelation,
    double ComplexityRise,
    double MaxSensitivity,
    double ForwardPassesPerImage)
{
    /// <summary>Insertion − deletion AUC: the symmetric relevance gain.</summary>
    public double Gain => InsertionAuc - DeletionAuc;
}
