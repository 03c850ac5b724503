using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>A report figure measured on a shard, with the position of its image in the run, so merged figures keep run order.</summary>
internal sealed record ShardFigure(int Position, ReportFigure Figure)
{
    public static IReadOnlyList<ReportFigure> InRunOrder(IEnumerable<IReadOnlyList<ShardFigure>> shards) =>
        shards.SelectMany(s => s).OrderBy(f => f.Position).Select(f => f.Figure).ToArray();
}
