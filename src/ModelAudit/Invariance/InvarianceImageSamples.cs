namespace ModelAudit.Invariance;

/// <summary>One image of a sweep, per transform value: P(target), whether its top-1 kept, and per layer the feature distance.</summary>
internal sealed record InvarianceImageSamples(IReadOnlyList<double> Probability, IReadOnlyList<bool> Agrees, IReadOnlyList<double[]> Distance);
