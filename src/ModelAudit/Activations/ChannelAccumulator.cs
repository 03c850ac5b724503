using ModelAudit.Models;

namespace ModelAudit.Activations;

/// <summary>
/// Per-channel sums, maxima and firing counts of one tapped layer, kept per probe image so that totals are always
/// added in probe order: statistics measured in shards and combined equal those of one run, bit for bit.
/// </summary>
internal sealed class ChannelAccumulator(string layer)
{
    private readonly List<double[]> _imageSums = [];
    private double[] _max = [];
    private long[] _positive = [];
    private int[] _shape = [];
    private long _positionsPerImage;

    public string Layer { get; } = layer;

    public void Add(TensorValue value)
    {
        if (_shape.Length == 0)
        {
            _shape = [.. value.Shape];
            var channels = _shape.Length == 0 ? 1 : _shape[0];
            _max = Enumerable.Repeat(double.NegativeInfinity, channels).ToArray();
            _positive = new long[channels];
            _positionsPerImage = value.Length / channels;
        }

        var sums = new double[_max.Length];
        var perChannel = (int)_positionsPerImage;
        var values = value.Values;
        for (var c = 0; c < sums.Length; c++)
        {
            foreach (var v in values.Slice(c * perChannel, perChannel))
            {
                sums[c] += v;
                _max[c] = Math.Max(_max[c], v);
                _positive[c] += v > 0 ? 1 : 0;
            }
        }

        _imageSums.Add(sums);
    }

    /// <summary>What was accumulated, to be combined with other shards' totals by <see cref="ChannelTotals.Statistics"/>.</summary>
    public ChannelTotals Totals() => new(Layer, _shape, _positionsPerImage, _positive, _max, _imageSums);
}
