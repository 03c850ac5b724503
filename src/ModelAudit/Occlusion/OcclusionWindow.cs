using ModelAudit.Imaging;

namespace ModelAudit.Occlusion;

/// <summary>One window position and what covering it did to the target.</summary>
/// <param name="Box">The occluded pixels.</param>
/// <param name="Probability">The target's probability with the window occluded, whatever the map's score.</param>
/// <param name="Score">The target's score (<see cref="OcclusionOptions.Score"/>) with the window occluded.</param>
/// <param name="Drop">The unoccluded score minus <paramref name="Score"/>; negative when occlusion helps.</param>
public readonly record struct OcclusionWindow(PixelBox Box, double Probability, double Score, double Drop);
