using System.Globalization;
using System.Text.Json;

namespace ModelAudit.Auditing;

/// <summary>The measurements of one shard (<c>--shard k/n</c>), written as <c>shard.json</c> for <c>modelaudit merge</c>.</summary>
internal sealed record ShardResult(int Index, int Count, string ModelSha256, int ImageCount, IReadOnlyList<StepPartial> Partials)
{
    public const string FileName = "shard.json";

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    public void Write(string folder) => AtomicFile.WriteText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Options) + "\n");

    public static ShardResult Read(string folder)
    {
        var path = Directory.Exists(folder) ? Path.Combine(folder, FileName) : folder;
        if (!File.Exists(path))
        {
            throw new AuditConfigException($"'{path}' does not exist; pass the --out folders of 'modelaudit audit --shard k/n' runs.");
        }

        try
        {
            return JsonSerializer.Deserialize<ShardResult>(File.ReadAllText(path), Options)
                ?? throw new AuditConfigException($"'{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new AuditConfigException($"'{path}' is not a shard result ({ex.Message}); re-run that shard.", ex);
        }
    }

    /// <summary>Checks that the shards are 1..n of one split of one model, each once.</summary>
    public static void CheckComplete(IReadOnlyList<ShardResult> shards, string modelSha256)
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

        if (shards.FirstOrDefault(s => s.ModelSha256 != modelSha256) is { } other)
        {
            throw new AuditConfigException($"Shard {other.Index}/{other.Count} audited a model with sha256 {other.ModelSha256}, not the config's model ({modelSha256}).");
        }
    }
}
