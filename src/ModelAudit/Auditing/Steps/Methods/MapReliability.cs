using ModelAudit.Gradients;

namespace ModelAudit.Auditing;

/// <summary>
/// The number a method's maps carry in their diagnostics that says how far to trust them — RISE's convergence change,
/// LRP's conservation error — with the value above which reports call it large and what the user can do about it.
/// </summary>
/// <param name="Key">The diagnostic's key, e.g. <c>conservation_error</c>; report metrics are named after it.</param>
/// <param name="Label">Its name in captions and tables, e.g. "conservation error".</param>
/// <param name="Meaning">What it measures, for the report's table.</param>
/// <param name="Large">Above this a report calls it large and gives <paramref name="Advice"/>.</param>
/// <param name="Advice">What to do when it is large.</param>
/// <param name="Constants">Diagnostics that are the same on every map (masks, ε), reported once each.</param>
internal sealed record MapReliability(string Key, string Label, string Meaning, double Large, string Advice, params string[] Constants)
{
    /// <summary>What a figure caption says about one map beside the number (its masks; its rules and relevance against the score).</summary>
    public Func<MethodsConfig, AttributionMap, string>? Caption { get; init; }
}
