using ModelAudit.Models;

namespace ModelAudit.Activations;

/// <summary>Running per-channel sums, maxima and firing counts of one tapped layer over probes.</summary>
internal sealed class ChannelAccumulator(string layer)
{
    private double[] _sum = [];
    private double[] _max = [];
    private long[] _positive = [];
    private int[] _shape = [];
    private long _positions;

    public string Layer { get; } = layer;

    public void Add(TensorValue value)
    {
        if (_shape.Length == 0)
        {
            _shape = [.. value.Shape];
            var channels = _shape.Length == 0 ? 1 : _shape[0];
            _sum = new double[channels];
            _max = Enumerable.Repeat(double.NegativeInfinity, channels).ToArray();
            _positive = new long[channels];
        }

        var perChannel = value.Length / _sum.Length;
        var values = value.Values;
        for (var c = 0; c < _sum.Length; c++)
        {
            foreach (var v in values.Slice(c * perChannel, perChannel))
            {
                _sum[c] += v;
                _max[c] = Math.Max(_max[c], v);
                _positive[c] += v > 0 ? 1 : 0;
            }
        }

        _positions += perChannel;
    }

    public LayerActivationStatistics Result()
    {
        var firing = _positive.Select(p => (double)p / _positions).ToArray();
        var dead = Enumerable.Range(0, _sum.Length).Where(c => _positive[c] == 0).ToArray();
        var sparsity = 1 - ((double)_positive.Sum() / (_positions * _sum.Length));
        return new LayerActivationStatistics(Layer, _shape, _sum.Select(s => s / _positions).ToArray(), _max, firing, dead, sparsity);
    }
}
