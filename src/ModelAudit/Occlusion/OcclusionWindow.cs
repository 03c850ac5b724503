using ModelAudit.Imaging;

namespace ModelAudit.Occlusion;

/// <summary>One window position and what covering it did to the target's probability.</summary>
/// <param name="Box">The occluded pixels.</param>
/// <param name="Probability">The target's probability with the window occluded.</param>
/// <param name="Drop">The unoccluded probability minus <paramref name="Probability"/>; negative when occlusion helps.</param>
public readonly record struct OcclusionWindow(PixelBox Box, double Probability, double Drop);
