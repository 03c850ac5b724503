namespace ModelAudit.Baselines;

/// <summary>What one baseline JSON file says: the metrics, and the picture file of each image.</summary>
internal sealed record BaselineSet(IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, BaselineImageFile> Images);
