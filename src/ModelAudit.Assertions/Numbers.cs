using System.Globalization;

namespace ModelAudit.Assertions;

/// <summary>How every assertion message writes numbers: invariant culture, shares as percentages.</summary>
internal static class Numbers
{
    /// <summary>0.255 → "25.5%".</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>At most three decimals, no trailing zeros: 0.3 → "0.3", 1/3 → "0.333".</summary>
    public static string Plain(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
