namespace ModelAudit.Activations;

/// <summary>
/// One layer's accumulated activations over some probes: per channel the firing count and maximum, and per probe
/// (in probe order) the per-channel sums.
/// </summary>
internal sealed record ChannelTotals(
    string Layer,
    IReadOnlyList<int> Shape,
    long PositionsPerImage,
    IReadOnlyList<long> Positive,
    IReadOnlyList<double> Max,
    IReadOnlyList<double[]> ImageSums)
{
    /// <summary>
    /// The statistics of <paramref name="parts"/> together, the probes taken in the order given: sums are added probe
    /// by probe in that order and counts and maxima are exact, so any split of the probes combines to the same bits.
    /// </summary>
    public static LayerActivationStatistics Statistics(IReadOnlyList<ChannelTotals> parts)
    {
        var first = parts[0];
        var channels = first.Max.Count;
        var sums = new double[channels];
        var max = Enumerable.Repeat(double.NegativeInfinity, channels).ToArray();
        var positive = new long[channels];
        long images = 0;
        foreach (var part in parts)
        {
            foreach (var image in part.ImageSums)
            {
                for (var c = 0; c < channels; c++)
                {
                    sums[c] += image[c];
                }
            }

            for (var c = 0; c < channels; c++)
            {
                max[c] = Math.Max(max[c], part.Max[c]);
                positive[c] += part.Positive[c];
            }

            images += part.ImageSums.Count;
        }

        var positions = images * first.PositionsPerImage;
        var firing = positive.Select(p => (double)p / positions).ToArray();
        var dead = Enumerable.Range(0, channels).Where(c => positive[c] == 0).ToArray();
        var sparsity = 1 - ((double)positive.Sum() / (positions * channels));
        return new LayerActivationStatistics(first.Layer, first.Shape, sums.Select(s => s / positions).ToArray(), max, firing, dead, sparsity);
    }

    /// <summary>The probes of <paramref name="parts"/> re-ordered: probe <c>i</c> of part <c>p</c> goes to <c>positions[p][i]</c>.</summary>
    public static ChannelTotals InOrder(IReadOnlyList<ChannelTotals> parts, IReadOnlyList<IReadOnlyList<int>> positions)
    {
        var first = parts[0];
        var sums = parts.SelectMany((part, p) => part.ImageSums.Select((sums, i) => (Position: positions[p][i], Sums: sums)))
            .OrderBy(s => s.Position).Select(s => s.Sums).ToArray();
        var max = Enumerable.Range(0, first.Max.Count).Select(c => parts.Max(part => part.Max[c])).ToArray();
        var positive = Enumerable.Range(0, first.Max.Count).Select(c => parts.Sum(part => part.Positive[c])).ToArray();
        return new ChannelTotals(first.Layer, first.Shape, first.PositionsPerImage, positive, max, sums);
    }
}
