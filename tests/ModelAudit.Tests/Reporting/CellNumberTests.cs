using System.Globalization;
using ModelAudit.Reporting;

namespace ModelAudit.Tests.Reporting;

public sealed class CellNumberTests
{
    [Theory]
    [InlineData(0.5, 2, "0.50")]
    [InlineData(0.125, 2, "0.13")]
    [InlineData(-0.125, 2, "-0.13")]
    [InlineData(2.0004, 3, "2.000")]
    [InlineData(64.5, 0, "65")]
    [InlineData(1234567.891, 2, "1234567.89")]
    public void Format_FiniteValue_HasExactlyTheDecimals(double value, int decimals, string expected) =>
        CellNumber.Format(value, decimals).Should().Be(expected);

    [Fact]
    public void Format_Default_IsTwoDecimals() => CellNumber.Format(1.0 / 3).Should().Be("0.33");

    [Theory]
    [InlineData(0.5, 3, "0.5")]
    [InlineData(1.23456, 3, "1.235")]
    [InlineData(2.0, 3, "2")]
    public void Trimmed_FiniteValue_DropsTrailingZeros(double value, int decimals, string expected) =>
        CellNumber.Trimmed(value, decimals).Should().Be(expected);

    [Fact]
    public void Format_NaN_IsTheNotMeasuredDash()
    {
        CellNumber.Format(double.NaN).Should().Be("—");
        CellNumber.Format(double.NaN, 0).Should().Be(CellNumber.NotMeasured);
        CellNumber.Trimmed(double.NaN, 3).Should().Be(CellNumber.NotMeasured);
    }

    [Fact]
    public void Format_Infinity_IsTheInfinitySign()
    {
        CellNumber.Format(double.PositiveInfinity).Should().Be("∞");
        CellNumber.Format(double.NegativeInfinity, 3).Should().Be("-∞");
        CellNumber.Trimmed(double.PositiveInfinity, 3).Should().Be("∞");
    }

    [Fact]
    public void Format_NegativeZero_HasNoSign_ButASmallNegativeValueKeepsIt()
    {
        CellNumber.Format(-0.0).Should().Be("0.00");
        CellNumber.Trimmed(-0.0, 3).Should().Be("0");
        CellNumber.Format(-0.001).Should().Be("-0.00", "a gain just below zero still points the wrong way");
    }

    [Fact]
    public void Format_UnderACommaDecimalCulture_StillWritesAPoint()
    {
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        comma.NumberFormat.NaNSymbol = "nicht definiert";
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = comma;
            1.5.ToString("0.00", CultureInfo.CurrentCulture).Should().Be("1,50", "the culture is in effect");

            CellNumber.Format(1234.5).Should().Be("1234.50");
            CellNumber.Trimmed(0.25, 3).Should().Be("0.25");
            CellNumber.Format(double.NaN).Should().Be("—");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
