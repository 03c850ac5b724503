using System.Globalization;
using System.Text.Json;

namespace ModelAudit.Auditing;

/// <summary>
/// The measurements of one shard (<c>--shard k/n</c>), written as <c>shard.json</c> for <c>modelaudit merge</c>: with the
/// model's identity and class count, so that merging needs no model, and what it ran on (<see cref="Runtime"/>:
/// execution provider, ONNX Runtime and ML.NET versions, and for an ML.NET model its steps and agreement check).
/// </summary>
internal sealed record ShardResult(
    int Index,
    int Count,
    string ModelName,
    string ModelSha256,
    string InputSpec,
    int ClassCount,
    int ImageCount,
    IReadOnlyList<StepPartial> Partials,
    IReadOnlyDictionary<string, string>? Runtime = null,
    IReadOnlyList<StepCost>? Costs = null)
{
    public const string FileName = "shard.json";

    /// <summary>Wall time and model passes of this shard's stages; absent from shard files written before they were recorded.</summary>
    public IReadOnlyList<Reporting.StageTiming>? Timings { get; init; }

    public void Write(string folder) => AtomicFile.WriteText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, ShardJson.Options) + "\n");

    public static ShardResult Read(string folder)
    {
        var path = Directory.Exists(folder) ? Path.Combine(folder, FileName) : folder;
        if (!File.Exists(path))
        {
            throw new AuditConfigException($"'{path}' does not exist; pass the --out folders of 'modelaudit audit --shard k/n' runs.");
        }

        try
        {
            return JsonSerializer.Deserialize<ShardResult>(File.ReadAllText(path), ShardJson.Options)
                ?? throw new AuditConfigException($"'{path}' is empty.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ModelAuditException)
        {
            throw new AuditConfigException($"'{path}' is not a shard result ({ex.Message}); re-run that shard.", ex);
        }
    }

    /// <summary>
    /// Checks that the shards are 1..n of one split of one model, each once; and, when the config's model file is at
    /// hand, that it is the model the shards audited (merging itself needs no model).
    /// </summary>
    public static void CheckComplete(IReadOnlyList<ShardResult> shards, string? modelSha256)
    {
        if (shards.Count == 0)
        {
            throw new AuditConfigException("No shard results were given to merge.");
        }

        var n = shards[0].Count;
        var indices = shards.Select(s => s.Index).Order().ToArray();
        if (shards.Any(s => s.Count != n) || !indices.SequenceEqual(Enumerable.Range(1, n)))
        {
            throw new AuditConfigException(string.Create(CultureInfo.InvariantCulture,
                $"The shards do not form one complete split: got {string.Join(", ", shards.Select(s => $"{s.Index}/{s.Count}"))}; expected 1/{n} to {n}/{n}, each once."));
        }

        var expected = modelSha256 ?? shards[0].ModelSha256;
        if (shards.FirstOrDefault(s => s.ModelSha256 != expected) is { } other)
        {
            throw new AuditConfigException(modelSha256 is null
                ? $"Shard {other.Index}/{other.Count} audited a model with sha256 {other.ModelSha256}, not the model of shard {shards[0].Index}/{n} ({expected})."
                : $"Shard {other.Index}/{other.Count} audited a model with sha256 {other.ModelSha256}, not the config's model ({expected}).");
        }
    }
}

/// <summary>What one audit's measurement cost on a shard: images run forward through the model, and through a backward graph.</summary>
internal sealed record StepCost(long ForwardPasses, long BackwardPasses);
