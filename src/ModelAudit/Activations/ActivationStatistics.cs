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
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The statistics of tensor <paramref name="layer"/>.</summary>
    public LayerActivationStatistics Layer(string layer) =>
        Layers.FirstOrDefault(l => l.Layer == layer)
        ?? throw new KeyNotFoundException($"No statistics for layer '{layer}'. Layers: {string.Join(", ", Layers.Select(l => l.Layer))}.");

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
}
