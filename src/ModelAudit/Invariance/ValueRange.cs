using System.Globalization;

namespace ModelAudit.Invariance;

/// <summary>A closed range of transform values, both ends sampled.</summary>
public readonly record struct ValueRange(double From, double To)
{
    public bool Contains(double value) => value >= From && value <= To;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{From:0.###}, {To:0.###}]");
}
