using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Snapshots;

namespace ModelAudit.Activations;

/// <summary>
/// How chosen layers respond to a probe set: per-channel mean, max and firing fraction, dead channels and
/// sparsity. Serialises to JSON (sorted keys) so that a baseline can catch drift after retraining
/// (<see cref="ActivationDrift.Compare"/>).
/// </summary>
public sealed record ActivationStatistics(string ModelName, int ProbeCount, IReadOnlyList<LayerActivationStatistics> Layers) : ISnapshotSource
{
    private const int Chunk = 32;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The statistics of tensor <paramref name="layer"/>.</summary>
    public LayerActivationStatistics Layer(string layer) =>
        Layers.FirstOrDefault(l => l.Layer == layer)
        ?? throw new KeyNotFoundException($"No statistics for layer '{layer}'. Layers: {string.Join(", ", Layers.Select(l => l.Layer))}.");

    /// <summary>Runs every probe through the model, tapping <paramref name="layers"/> (tensor names), in batches.</summary>
    public static ActivationStatistics Compute(AuditModel model, IReadOnlyList<RgbImage> probes, IReadOnlyList<string> layers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(layers);
        if (probes.Count == 0)
        {
            throw new ArgumentException("Activation statistics need at least one probe image.", nameof(probes));
        }

        if (layers.Count == 0 || layers.Distinct(StringComparer.Ordinal).Count() != layers.Count)
        {
            throw new ArgumentException($"Give one or more distinct layer names; got [{string.Join(", ", layers)}].", nameof(layers));
        }

        var accumulators = layers.Select(l => new ChannelAccumulator(l)).ToArray();
        for (var start = 0; start < probes.Count; start += Chunk)
        {
            // Chunks bound the memory held in tapped feature maps; the engine batches within each chunk.
            var chunk = probes.Skip(start).Take(Chunk).ToArray();
            foreach (var prediction in model.Predict(chunk, layers))
            {
                foreach (var acc in accumulators)
                {
                    acc.Add(prediction.Tap(acc.Layer));
                }
            }
        }

        return new ActivationStatistics(model.Name, probes.Count, accumulators.Select(a => a.Result()).ToArray());
    }

    /// <summary>Indented JSON with sorted keys and invariant numbers, stable across runs.</summary>
    public string ToJson() => Sorted(JsonSerializer.SerializeToNode(this, Json)!).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static ActivationStatistics FromJson(string json) =>
        JsonSerializer.Deserialize<ActivationStatistics>(json, Json)
        ?? throw new JsonException("The JSON holds null, not activation statistics.");

    public Snapshot ToSnapshot()
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var l in Layers)
        {
            metrics[$"{l.Layer}.sparsity"] = l.Sparsity;
            metrics[$"{l.Layer}.dead_channels"] = l.DeadChannels.Count;
            metrics[$"{l.Layer}.mean"] = l.Mean.DefaultIfEmpty(0).Average();
        }

        metrics["probes"] = ProbeCount;
        return new Snapshot(metrics, new Dictionary<string, RgbImage>(StringComparer.Ordinal));
    }

    private static JsonNode Sorted(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(v => v is null ? null : Sorted(v)).ToArray()),
        _ => node.DeepClone(),
    };

    /// <summary>Running per-channel sums over probes.</summary>
    private sealed class ChannelAccumulator(string layer)
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
}
