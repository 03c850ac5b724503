using System.Globalization;

namespace ModelAudit.Reporting;

/// <summary>How a measured value is judged against its threshold.</summary>
public enum Comparison
{
    AtLeast,
    AtMost,
}

/// <summary>
/// One gate: its verdict, the measured number (NaN when not measured), its threshold, and what was found. A check that
/// is not measured or inconclusive closes the gate unless <see cref="AllowInconclusive"/> was set for it in the config,
/// which the reports say.
/// </summary>
public sealed record CheckResult(
    string Audit,
    string Name,
    Verdict Verdict,
    double Measured,
    double Threshold,
    Comparison Comparison,
    string Details = "",
    bool AllowInconclusive = false)
{
    /// <summary>True when the check was measured and met its threshold.</summary>
    public bool Passed => Verdict == Verdict.Passed;

    /// <summary>True when this check closes the gate: failed, or not measured/inconclusive without the opt-out.</summary>
    public bool Blocks => Verdict == Verdict.Failed || (Verdict != Verdict.Passed && !AllowInconclusive);

    /// <summary>Judges <paramref name="measured"/> against <paramref name="threshold"/> the given way.</summary>
    public static CheckResult Of(string audit, string name, double measured, Comparison comparison, double threshold, string details = "", bool allowInconclusive = false)
    {
        var met = !double.IsNaN(measured) && (comparison == Comparison.AtLeast ? measured >= threshold : measured <= threshold);
        return new(audit, name, met ? Verdict.Passed : Verdict.Failed, measured, threshold, comparison, details, allowInconclusive);
    }

    /// <summary>A configured check that could not be measured; <paramref name="reason"/> says why and what to change.</summary>
    public static CheckResult NotMeasured(string audit, string name, Comparison comparison, double threshold, string reason, bool allowInconclusive = false) =>
        new(audit, name, Verdict.NotMeasured, double.NaN, threshold, comparison, reason, allowInconclusive);

    /// <summary>A check measured below its signal floor; <paramref name="measured"/> is shown but not judged.</summary>
    public static CheckResult Inconclusive(string audit, string name, double measured, Comparison comparison, double threshold, string reason, bool allowInconclusive = false) =>
        new(audit, name, Verdict.Inconclusive, measured, threshold, comparison, reason, allowInconclusive);

    /// <summary>The verdict as the reports print it: <c>pass</c>, <c>FAIL</c>, <c>NOT MEASURED</c>, <c>INCONCLUSIVE</c>, with <c>(allowed)</c> when opted out.</summary>
    public string Label => Verdict switch
    {
        Verdict.Passed => "pass",
        Verdict.Failed => "FAIL",
        Verdict.NotMeasured => AllowInconclusive ? "not measured (allowed)" : "NOT MEASURED",
        _ => AllowInconclusive ? "inconclusive (allowed)" : "INCONCLUSIVE",
    };

    /// <summary>The verdict as a JSON/CSS token: <c>passed</c>, <c>failed</c>, <c>not_measured</c>, <c>inconclusive</c>.</summary>
    public string Token => Verdict switch
    {
        Verdict.Passed => "passed",
        Verdict.Failed => "failed",
        Verdict.NotMeasured => "not_measured",
        _ => "inconclusive",
    };

    /// <summary>One line: name, what was measured, what was required, and the details.</summary>
    public string Describe()
    {
        var required = $"{(Comparison == Comparison.AtLeast ? "at least" : "at most")} {AuditRun.Format(Threshold)}";
        var found = Verdict == Verdict.NotMeasured ? "not measured" : $"measured {AuditRun.Format(Measured)}";
        var opted = Verdict is Verdict.NotMeasured or Verdict.Inconclusive && AllowInconclusive ? "; allowed by allow_inconclusive" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{Name}: {found}, required {required}{(Details.Length > 0 ? $" ({Details})" : "")}{opted}");
    }
}
