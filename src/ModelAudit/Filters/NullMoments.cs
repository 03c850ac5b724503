namespace ModelAudit.Filters;

/// <summary>Mean and standard deviation of a filter statistic over i.i.d. Gaussian filters of one shape.</summary>
internal readonly record struct NullMoments(double Mean, double StandardDeviation)
{
    /// <summary>How many standard deviations <paramref name="value"/> lies above the null mean (0 when the null does not vary).</summary>
    public double StandardScore(double value) => StandardDeviation > 0 ? (value - Mean) / StandardDeviation : 0;
}
