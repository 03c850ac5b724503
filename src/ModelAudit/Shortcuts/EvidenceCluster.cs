namespace ModelAudit.Shortcuts;

/// <summary>
/// One cluster of a class's maps from spectral relevance analysis: its members (indices into the scanned images),
/// their mean evidence map at the input resolution, and how concentrated that mean is.
/// </summary>
public sealed record EvidenceCluster(IReadOnlyList<int> Members, IReadOnlyList<float> MeanMap, double Concentration);
