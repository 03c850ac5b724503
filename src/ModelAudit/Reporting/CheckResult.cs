namespace ModelAudit.Reporting;

/// <summary>How a measured value is judged against its threshold.</summary>
public enum Comparison
{
    AtLeast,
    AtMost,
}

/// <summary>One gate: a measured number, its threshold, and whether it passed.</summary>
public sealed record CheckResult(string Audit, string Name, double Measured, double Threshold, Comparison Comparison, string Details = "")
{
    public bool Passed => Comparison == Comparison.AtLeast ? Measured >= Threshold : Measured <= Threshold;

    /// <summary>Judges <paramref name="measured"/> against <paramref name="threshold"/> the given way.</summary>
    public static CheckResult Of(string audit, string name, double measured, Comparison comparison, double threshold, string details = "") =>
        new(audit, name, measured, threshold, comparison, details);
}
