namespace ModelAudit.Auditing;

/// <summary>Per transform value: mean and population std of P(target), top-1 agreement and mean feature distance per layer.</summary>
internal sealed record InvariancePoints(
    string Kind,
    IReadOnlyList<double> Values,
    IReadOnlyList<string> Layers,
    IReadOnlyList<double> ProbabilityMean,
    IReadOnlyList<double> ProbabilityStd,
    IReadOnlyList<double> Agreement,
    IReadOnlyList<IReadOnlyList<double>> Distance);
