namespace ModelAudit.Reporting;

/// <summary>
/// One number and one state per unit of a layer — per filter, per channel — so that a reader, and a comparison of two
/// runs, can name the unit that changed: which filter got noisier, which channel died.
/// </summary>
/// <param name="Title">What the series covers, e.g. <c>filters of conv1</c>; a comparison pairs series by title.</param>
/// <param name="Unit">How one unit is called, e.g. <c>filter</c> or <c>channel</c>; units are numbered from 0.</param>
/// <param name="Measure">What <see cref="Values"/> hold, e.g. <c>smoothness z (lower is noisier)</c>.</param>
/// <param name="Values">One value per unit.</param>
/// <param name="States">One word per unit, e.g. <c>smooth</c>, <c>noisy</c>, <c>dead</c>.</param>
public sealed record ReportSeries(string Title, string Unit, string Measure, IReadOnlyList<double> Values, IReadOnlyList<string> States)
{
    /// <summary>How many units of each state, e.g. <c>14 smooth, 2 dead</c>, most common first.</summary>
    public string StateCounts => string.Join(", ", States.GroupBy(s => s, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
}
