namespace ModelAudit.Gradients;

/// <summary>
/// One step of the cascading randomisation: every parametrised layer from the top down to <see cref="Layer"/> has
/// random weights; the similarities compare the maps with the trained model's (means over the images).
/// </summary>
public sealed record RandomisationStage(string Layer, double RankCorrelation, double Ssim);
