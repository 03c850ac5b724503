namespace ModelAudit.Filters;

/// <summary>
/// How much more structured than noise a filter is, in null standard deviations (a z-score against <see cref="NoiseNull"/>):
/// the spatial smoothness z (lower <see cref="FilterMetrics.DirichletRatio"/> than noise) and, for a layer that reads the
/// image's colour channels, the cross-channel coherence z (higher <see cref="FilterMetrics.ChannelRank1Share"/>), averaged
/// as Stouffer's <c>(z₁ + z₂) / √2</c>. The two are uncorrelated under the null (measured |r| &lt; 0.02), so noise scores
/// about N(0, 1) whatever the shape.
/// </summary>
internal static class NoiseScore
{
    /// <summary>The score, or null when the filter has nothing to test: a 1×1 kernel has no neighbouring weights.</summary>
    public static double? Of(ReadOnlySpan<float> filter, int kernelHeight, int kernelWidth, bool readsImage)
    {
        var planes = filter.Length / (kernelHeight * kernelWidth);
        var spatial = kernelHeight * kernelWidth > 1;
        // Colour channels are correlated in images, so filters on pixels learn a shared pattern across them; deeper
        // layers' input channels are unrelated features, where no such coherence is expected.
        // Channels of a 1×1 kernel are one scalar each, always "rank 1": there is nothing to compare.
        var acrossChannels = readsImage && planes > 1 && spatial;
        double sum = 0;
        var terms = 0;
        if (spatial)
        {
            var roughness = FilterMetrics.DirichletRatio(filter, kernelHeight, kernelWidth);
            sum -= NoiseNull.Dirichlet(planes, kernelHeight, kernelWidth).StandardScore(roughness);
            terms++;
        }

        if (acrossChannels)
        {
            var coherence = FilterMetrics.ChannelRank1Share(filter, kernelHeight, kernelWidth);
            sum += NoiseNull.ChannelRank1(planes, kernelHeight, kernelWidth).StandardScore(coherence);
            terms++;
        }

        return terms == 0 ? null : sum / Math.Sqrt(terms);
    }
}
