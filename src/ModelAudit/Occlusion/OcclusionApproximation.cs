namespace ModelAudit.Occlusion;

/// <summary>
/// How far an approximate occlusion map is from the exact one, measured on a sample of the images: the exact maps of
/// the first <see cref="SampledImages"/> images were computed as well and compared with the approximate ones.
/// </summary>
/// <param name="Method">The approximation, in words (e.g. "projective-field threshold 0.5").</param>
/// <param name="SampledImages">How many images were computed both ways.</param>
/// <param name="MeanSsim">Mean SSIM of the attribution maps against exact (<see cref="OcclusionMetrics.Ssim"/>).</param>
/// <param name="MinSsim">The worst SSIM in the sample.</param>
/// <param name="MaxAbsDifference">The largest per-pixel attribution difference in the sample.</param>
public sealed record OcclusionApproximation(string Method, int SampledImages, double MeanSsim, double MinSsim, double MaxAbsDifference);
