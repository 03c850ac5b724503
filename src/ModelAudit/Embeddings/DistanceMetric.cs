namespace ModelAudit.Embeddings;

/// <summary>How distances between feature vectors are measured.</summary>
public enum DistanceMetric
{
    /// <summary>Straight-line distance ‖a − b‖.</summary>
    Euclidean,

    /// <summary>1 − cos(a, b): ignores vector length, compares direction only.</summary>
    Cosine,
}
