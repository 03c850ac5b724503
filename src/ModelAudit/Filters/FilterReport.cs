using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Snapshots;

namespace ModelAudit.Filters;

/// <summary>
/// The weight-level audit of one convolution: per-filter norm, smoothness and duplicates, with the dead,
/// noisy and near-duplicate filters picked out. Metric definitions: <see cref="FilterMetrics"/>.
/// </summary>
public sealed record FilterReport : ISnapshotSource
{
    private readonly float[] _weights;

    private FilterReport(string modelName, ConvLayer layer, ChannelOrder channelOrder, float[] weights, FilterOptions options,
        IReadOnlyList<FilterStatistics> filters, IReadOnlyList<DuplicatePair> duplicatePairs, double noisyThreshold)
    {
        ModelName = modelName;
        Layer = layer;
        ChannelOrder = channelOrder;
        _weights = weights;
        Options = options;
        Filters = filters;
        DuplicatePairs = duplicatePairs;
        NoisyThreshold = noisyThreshold;
        DeadFilters = filters.Where(f => f.IsDead).Select(f => f.Index).ToArray();
        NoisyFilters = filters.Where(f => f.IsNoisy).Select(f => f.Index).ToArray();
        MedianNorm = Median(filters.Select(f => f.Norm));
    }

    public string ModelName { get; }

    public ConvLayer Layer { get; }

    /// <summary>The model's input channel order, so a first layer's filters render in true colour.</summary>
    public ChannelOrder ChannelOrder { get; }

    public FilterOptions Options { get; }

    /// <summary>One entry per output channel, in order.</summary>
    public IReadOnlyList<FilterStatistics> Filters { get; }

    /// <summary>Indices of filters whose weights are (nearly) all zero.</summary>
    public IReadOnlyList<int> DeadFilters { get; }

    /// <summary>Indices of live filters that are not clearly smoother than noise: <see cref="FilterStatistics.SmoothnessZ"/> below <see cref="NoisyThreshold"/>.</summary>
    public IReadOnlyList<int> NoisyFilters { get; }

    /// <summary>
    /// The smoothness score below which a live filter of this layer is noisy: the larger of
    /// <see cref="FilterOptions.MinSmoothnessZ"/> and <see cref="FilterOptions.MinRelativeSmoothness"/> × the median score of the live filters.
    /// </summary>
    public double NoisyThreshold { get; }

    /// <summary>Pairs of live filters in the same group with |cosine| ≥ <see cref="FilterOptions.DuplicateCosine"/>.</summary>
    public IReadOnlyList<DuplicatePair> DuplicatePairs { get; }

    public double MedianNorm { get; }

    /// <summary>The weights of filter <paramref name="index"/>, <c>[in channels / group, kH, kW]</c>.</summary>
    public ReadOnlySpan<float> Weights(int index)
    {
        var size = _weights.Length / Layer.OutChannels;
        return _weights.AsSpan(index * size, size);
    }

    /// <summary>Audits <paramref name="layer"/> (default: the model's first convolution): <see cref="FilterAnalysis.Compute"/>.</summary>
    public static FilterReport For(AuditModel model, ConvLayer? layer = null, FilterOptions? options = null) =>
        new FilterAnalysis(model).Compute(layer, options);

    internal static FilterReport Compute(string modelName, ConvLayer layer, ChannelOrder order, float[] weights, bool readsImage, FilterOptions options)
    {
        var count = layer.OutChannels;
        var size = weights.Length / count;
        var (kh, kw) = (layer.KernelHeight, layer.KernelWidth);
        var norms = new double[count];
        for (var i = 0; i < count; i++)
        {
            norms[i] = FilterMetrics.L2Norm(weights.AsSpan(i * size, size));
        }

        var median = Median(norms);
        var dead = norms.Select(n => n <= options.DeadAbsoluteNorm || n <= options.DeadRelativeNorm * median).ToArray();
        var pairs = Duplicates(layer, weights, size, dead, options.DuplicateCosine);
        var scores = new double?[count];
        for (var i = 0; i < count; i++)
        {
            scores[i] = dead[i] ? null : NoiseScore.Of(weights.AsSpan(i * size, size), kh, kw, readsImage);
        }

        var scored = scores.OfType<double>().ToArray();
        var threshold = scored.Length == 0 ? options.MinSmoothnessZ : Math.Max(options.MinSmoothnessZ, options.MinRelativeSmoothness * Median(scored));
        var filters = new FilterStatistics[count];
        for (var i = 0; i < count; i++)
        {
            var w = weights.AsSpan(i * size, size);
            var tv = dead[i] ? 0 : FilterMetrics.TotalVariation(w, kh, kw);
            var hf = dead[i] ? 0 : FilterMetrics.HighFrequencyRatio(w, kh, kw);
            var twins = pairs.Where(p => p.First == i || p.Second == i).Select(p => p.First == i ? p.Second : p.First).ToArray();
            var noisy = scores[i] is { } z && z < threshold;
            filters[i] = new FilterStatistics(i, norms[i], tv, hf, scores[i] ?? 0, dead[i], noisy, twins);
        }

        return new FilterReport(modelName, layer, order, weights, options, filters, pairs, threshold);
    }

    public Snapshot ToSnapshot()
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["dead_count"] = DeadFilters.Count,
            ["noisy_count"] = NoisyFilters.Count,
            ["duplicate_pairs"] = DuplicatePairs.Count,
            ["median_norm"] = MedianNorm,
            ["noisy_threshold"] = NoisyThreshold,
        };
        var width = (Filters.Count - 1).ToString(CultureInfo.InvariantCulture).Length;
        foreach (var f in Filters)
        {
            var key = f.Index.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            metrics[$"filter{key}.tv"] = f.TotalVariation;
            metrics[$"filter{key}.hf"] = f.HighFrequencyRatio;
            metrics[$"filter{key}.z"] = f.SmoothnessZ;
        }

        return Snapshot.Of(metrics, ("filters", FilterGrid.Render(this)));
    }

    private static DuplicatePair[] Duplicates(ConvLayer layer, float[] weights, int size, bool[] dead, double threshold)
    {
        // Filters of different groups read different input channels, so equal weights there are not redundant.
        var perGroup = layer.OutChannels / Math.Max(layer.Group, 1);
        var pairs = new List<DuplicatePair>();
        for (var i = 0; i < layer.OutChannels; i++)
        {
            for (var j = i + 1; j < layer.OutChannels && j / perGroup == i / perGroup; j++)
            {
                if (dead[i] || dead[j])
                {
                    continue;
                }

                var cos = FilterMetrics.Cosine(weights.AsSpan(i * size, size), weights.AsSpan(j * size, size));
                if (Math.Abs(cos) >= threshold)
                {
                    pairs.Add(new DuplicatePair(i, j, cos));
                }
            }
        }

        return [.. pairs];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
