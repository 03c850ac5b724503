namespace ModelAudit.Baselines;

/// <summary>Compares metrics field by field with per-field tolerances; NaN matches NaN and an infinity matches itself.</summary>
internal static class MetricComparer
{
    public static IReadOnlyList<MetricDifference> Compare(
        IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual, ResolvedBaselineSettings settings)
    {
        var differences = new List<MetricDifference>();
        foreach (var metric in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var hasExpected = expected.TryGetValue(metric, out var e);
            var hasActual = actual.TryGetValue(metric, out var a);
            if (!hasActual)
            {
                differences.Add(new MetricDifference(metric, MetricChange.Missing, e, null, null));
            }
            else if (!hasExpected)
            {
                differences.Add(new MetricDifference(metric, MetricChange.Added, null, a, null));
            }
            else
            {
                var allowed = settings.Allowed(metric, e);
                if (!Within(e, a, allowed))
                {
                    differences.Add(new MetricDifference(metric, MetricChange.Changed, e, a, allowed));
                }
            }
        }

        return differences;
    }

    private static bool Within(double expected, double actual, double allowed)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected.Equals(actual);
        }

        return Math.Abs(actual - expected) <= allowed;
    }
}
