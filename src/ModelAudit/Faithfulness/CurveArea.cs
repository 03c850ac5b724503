namespace ModelAudit.Faithfulness;

/// <summary>Areas under perturbation curves sampled at evenly spaced fractions 0..1, and their normalisation.</summary>
internal static class CurveArea
{
    /// <summary>The gap between the clean and the fully filled score, below this share of the larger, leaves a curve unmeasured.</summary>
    public const double MinRelativeGap = 0.01;

    /// <summary>The trapezoid rule over fractions k/(n − 1), k = 0..n − 1.</summary>
    public static double Trapezoid(IReadOnlyList<double> curve)
    {
        if (curve.Count < 2)
        {
            return double.NaN;
        }

        double area = 0;
        for (var k = 0; k + 1 < curve.Count; k++)
        {
            area += (curve[k] + curve[k + 1]) / 2;
        }

        return area / (curve.Count - 1);
    }

    /// <summary>(area − empty) / (clean − empty): the area of the curve rescaled so the fully filled image scores 0 and the clean one 1; NaN when they score alike.</summary>
    public static double Normalise(double area, double clean, double empty) =>
        IsMeasurable(clean, empty) ? (area - empty) / (clean - empty) : double.NaN;

    public static bool IsMeasurable(double clean, double empty) =>
        Math.Abs(clean - empty) > MinRelativeGap * Math.Max(Math.Abs(clean), Math.Abs(empty)) && double.IsFinite(clean - empty);

    /// <summary>Point by point, the mean of several curves of one length.</summary>
    public static double[] Mean(IEnumerable<IReadOnlyList<double>> curves)
    {
        var all = curves.ToArray();
        return all.Length == 0 ? [] : Enumerable.Range(0, all[0].Count).Select(k => all.Average(c => c[k])).ToArray();
    }
}
