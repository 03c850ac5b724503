using System.Globalization;
using ModelAudit.Snapshots;

namespace ModelAudit.Texture;

/// <summary>The outcome of <see cref="TextureStatistics"/>: one <see cref="LayerTexture"/> per layer, in the order asked.</summary>
public sealed record TextureStatisticsResult(int ImageCount, IReadOnlyList<LayerTexture> Layers) : ISnapshotSource
{
    public Snapshot ToSnapshot() => Snapshot.Of(
        Layers.SelectMany((l, i) => new[]
        {
            (Key: string.Create(CultureInfo.InvariantCulture, $"layer{i}_effective_rank"), Value: l.EffectiveRank),
            (Key: string.Create(CultureInfo.InvariantCulture, $"layer{i}_top_eigenvalue_share"), Value: l.TopEigenvalueShare),
            (Key: string.Create(CultureInfo.InvariantCulture, $"layer{i}_diversity"), Value: l.Diversity),
        }).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        Layers.Select((l, i) => (string.Create(CultureInfo.InvariantCulture, $"layer{i}"), l.Render())).ToArray());

    public override string ToString() => string.Join("; ", Layers.Select(l => l.ToString()));
}
