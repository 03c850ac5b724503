using System.Globalization;
using ModelAudit.Snapshots;

namespace ModelAudit.Gradients;

/// <summary>The outcome of <see cref="RandomisationCheck"/>: similarity of the maps to the trained model's, stage by stage.</summary>
public sealed record RandomisationCheckResult(string Method, int ImageCount, IReadOnlyList<RandomisationStage> Stages) : ISnapshotSource
{
    /// <summary>The largest rank correlation over the stages: near 1 means some randomisation left the maps unchanged.</summary>
    public double MaxRankCorrelation => Stages.Max(s => s.RankCorrelation);

    public double MaxSsim => Stages.Max(s => s.Ssim);

    /// <summary>The last stage: every parametrised layer randomised.</summary>
    public RandomisationStage FullyRandomised => Stages[^1];

    public Snapshot ToSnapshot() => Snapshot.Of(Stages
        .SelectMany((s, i) => new[]
        {
            (Key: string.Create(CultureInfo.InvariantCulture, $"stage{i:00}_{s.Layer}_rank_correlation"), Value: s.RankCorrelation),
            (Key: string.Create(CultureInfo.InvariantCulture, $"stage{i:00}_{s.Layer}_ssim"), Value: s.Ssim),
        })
        .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    public override string ToString() => string.Join("; ", Stages.Select(s =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Layer}: rank {s.RankCorrelation:0.00} SSIM {s.Ssim:0.00}")));
}
