namespace ModelAudit.Occlusion;

/// <summary>How far an occlusion run is: occluded images scored so far, out of the total for all images.</summary>
public readonly record struct OcclusionProgress(int Completed, int Total);
