using System.Globalization;

namespace ModelAudit.Invariance;

/// <summary>Pure functions over an <see cref="InvarianceCurve"/>.</summary>
public static class InvarianceMetrics
{
    /// <summary>
    /// The widest contiguous run of sampled values around the identity (the sampled value nearest to it) where
    /// <paramref name="holds"/> is true at every point; null when it fails at the identity already.
    /// </summary>
    public static ValueRange? LargestRangeWhere(InvarianceCurve curve, Func<InvariancePoint, bool> holds)
    {
        var points = curve.Points;
        var centre = IndexNearest(curve, curve.Transform.Identity);
        if (!holds(points[centre]))
        {
            return null;
        }

        var lo = centre;
        while (lo > 0 && holds(points[lo - 1]))
        {
            lo--;
        }

        var hi = centre;
        while (hi < points.Count - 1 && holds(points[hi + 1]))
        {
            hi++;
        }

        return new ValueRange(points[lo].Value, points[hi].Value);
    }

    /// <summary>The widest range around the identity where top-1 agreement stays at or above <paramref name="minAgreement"/>.</summary>
    public static ValueRange? LargestRangeKeepingTop1(InvarianceCurve curve, double minAgreement = 1.0)
    {
        CheckFraction(minAgreement, nameof(minAgreement));
        return LargestRangeWhere(curve, p => p.Top1Agreement >= minAgreement - 1e-12);
    }

    /// <summary>
    /// A metric at <paramref name="value"/>, interpolated linearly between the two nearest sampled values.
    /// Throws outside the swept range: the curve says nothing there.
    /// </summary>
    public static double At(InvarianceCurve curve, double value, Func<InvariancePoint, double> metric)
    {
        var points = curve.Points;
        if (value < points[0].Value - 1e-9 || value > points[^1].Value + 1e-9)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                string.Create(CultureInfo.InvariantCulture, $"The {curve.Transform.Name} sweep covers {points[0].Value}..{points[^1].Value} only."));
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (Math.Abs(points[i].Value - value) <= 1e-9)
            {
                return metric(points[i]);
            }

            if (points[i].Value > value)
            {
                var a = points[i - 1];
                var b = points[i];
                var t = (value - a.Value) / (b.Value - a.Value);
                return metric(a) + (t * (metric(b) - metric(a)));
            }
        }

        return metric(points[^1]);
    }

    /// <summary>The sampled points with values in [from, to].</summary>
    public static IReadOnlyList<InvariancePoint> Within(InvarianceCurve curve, double from, double to) =>
        curve.Points.Where(p => p.Value >= from - 1e-9 && p.Value <= to + 1e-9).ToArray();

    /// <summary>
    /// The mean normalised feature distance at <paramref name="layer"/> over the transformed values (the identity
    /// excluded when sampled): a single number for "how much this layer changes" across the sweep.
    /// </summary>
    public static double MeanDistance(InvarianceCurve curve, string layer)
    {
        var moved = curve.Points.Where(p => Math.Abs(p.Value - curve.Transform.Identity) > 1e-9).ToArray();
        var points = moved.Length > 0 ? moved : curve.Points.ToArray();
        return points.Average(p => p.DistanceAt(layer));
    }

    internal static void CheckFraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must lie in [0, 1].");
        }
    }

    private static int IndexNearest(InvarianceCurve curve, double value)
    {
        var best = 0;
        for (var i = 1; i < curve.Points.Count; i++)
        {
            if (Math.Abs(curve.Points[i].Value - value) < Math.Abs(curve.Points[best].Value - value))
            {
                best = i;
            }
        }

        return best;
    }
}
