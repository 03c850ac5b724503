using System.Globalization;

namespace ModelAudit.Reporting;

/// <summary>
/// Numbers in report table cells, always in the invariant culture. One rule for values that are not numbers: NaN
/// (not measured, e.g. a method that made no maps) is <c>—</c>, the dash the report shows for every value it does not
/// have; ±∞ is <c>∞</c> or <c>-∞</c>. Negative zero is <c>0</c>, but a small negative value keeps its sign
/// (<c>-0.00</c>): a gain or correlation just below zero still points the wrong way.
/// </summary>
internal static class CellNumber
{
    /// <summary>What a cell shows for NaN.</summary>
    public const string NotMeasured = "—";

    /// <summary>The value with exactly <paramref name="decimals"/> decimals, e.g. <c>0.50</c> for 0.5 at 2.</summary>
    public static string Format(double value, int decimals = 2) => Write(value, decimals == 0 ? "0" : "0." + new string('0', decimals));

    /// <summary>The value with at most <paramref name="decimals"/> decimals and no trailing zeros, e.g. <c>0.5</c> for 0.5 at 3.</summary>
    public static string Trimmed(double value, int decimals) => Write(value, decimals == 0 ? "0" : "0." + new string('#', decimals));

    private static string Write(double value, string format)
    {
        if (double.IsNaN(value))
        {
            return NotMeasured;
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        // Adding 0 turns -0 into +0 and leaves every other value as it is.
        return (value + 0.0).ToString(format, CultureInfo.InvariantCulture);
    }
}
