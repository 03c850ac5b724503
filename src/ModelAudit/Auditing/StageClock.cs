using ModelAudit.Models;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>
/// Times a run's stages one after another, counts the model's passes in each, and tells the run's progress display
/// when a stage starts, advances and finishes. Time comes from <see cref="AuditRunOptions.Clock"/>, so a test can fix it.
/// </summary>
internal sealed class StageClock(TimeProvider clock, IProgress<AuditProgress>? progress)
{
    private readonly List<StageTiming> _timings = [];
    private readonly long _runStart = clock.GetTimestamp();
    private string? _stage;
    private long _start;
    private (long Forward, long Backward) _passesAtStart;
    private (long Done, long Total, string Unit) _count = (0, 0, "");

    /// <summary>The audited model, once it is loaded, whose passes each stage counts; passes before that are not counted.</summary>
    public AuditModel? Model { get; set; }

    /// <summary>The stages finished so far, in order.</summary>
    public IReadOnlyList<StageTiming> Timings => _timings;

    /// <summary>Wall time since the run began.</summary>
    public TimeSpan Total => clock.GetElapsedTime(_runStart);

    /// <summary>Begins <paramref name="stage"/>, finishing the stage before it if there is one.</summary>
    public void Start(string stage)
    {
        if (_stage is not null)
        {
            Finish();
        }

        (_stage, _start, _passesAtStart, _count) = (stage, clock.GetTimestamp(), Read(), (0, 0, ""));
        Tell(AuditProgressKind.Started);
    }

    /// <summary>The current stage has done <paramref name="done"/> of <paramref name="total"/> <paramref name="unit"/>.</summary>
    public void Advance(long done, long total, string unit)
    {
        if (_stage is null)
        {
            return;
        }

        _count = (done, total, unit);
        Tell(AuditProgressKind.Advanced);
    }

    /// <summary>Ends the current stage and records its timing.</summary>
    public StageTiming Finish()
    {
        var stage = _stage ?? throw new InvalidOperationException("No stage is running.");
        var (forward, backward) = Passed();
        var timing = new StageTiming(stage, clock.GetElapsedTime(_start), forward, backward);
        _timings.Add(timing);
        Tell(AuditProgressKind.Finished);
        _stage = null;
        return timing;
    }

    /// <summary>
    /// Per stage, the wall time and passes of every shard that measured it (summed when merged), an audit's gating
    /// added to its own stage; the merge's own loading; and their total.
    /// </summary>
    public static List<StageTiming> Combine(ShardResult[] shards, IReadOnlyList<StageTiming> here, IReadOnlyDictionary<string, TimeSpan> gating)
    {
        var measured = shards.Length == 1 ? shards[0].Timings ?? [] : [.. here.Where(t => t.Stage == "load"), .. shards.SelectMany(s => s.Timings ?? [])];
        var stages = measured.GroupBy(t => t.Stage, StringComparer.Ordinal).Select(g => new StageTiming(
            g.Key,
            g.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.WallTime) + gating.GetValueOrDefault(g.Key),
            g.Sum(t => t.ForwardPasses),
            g.Sum(t => t.BackwardPasses))).ToList();
        stages.Add(new StageTiming("total", stages.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.WallTime), stages.Sum(t => t.ForwardPasses), stages.Sum(t => t.BackwardPasses)));
        return stages;
    }

    private void Tell(AuditProgressKind kind)
    {
        if (progress is not null && _stage is not null)
        {
            var (forward, backward) = Passed();
            progress.Report(new AuditProgress(_stage, kind, _count.Done, _count.Total, _count.Unit, clock.GetElapsedTime(_start), forward, backward));
        }
    }

    private (long Forward, long Backward) Passed()
    {
        var now = Read();
        return (now.Forward - _passesAtStart.Forward, now.Backward - _passesAtStart.Backward);
    }

    private (long Forward, long Backward) Read() => Model is { } m ? (m.ForwardPasses, m.BackwardPasses) : (0, 0);
}
