using ModelAudit.Auditing;
using ModelAudit.Cli.Progress;

namespace ModelAudit.Tests.Cli;

public sealed class ProgressLinesTests
{
    [Fact]
    public void Report_LongStage_WritesItsStartALineEveryIntervalWithCountsAndItsEnd()
    {
        var clock = new ManualClock();
        using var log = new StringWriter();
        using var lines = new ProgressLines(log, "candidate", clock, TimeSpan.FromSeconds(10));

        lines.Report(Progress(AuditProgressKind.Started, 0, 0, 0));
        clock.Advance(4);
        lines.Report(Progress(AuditProgressKind.Advanced, 100, 1000, 4));
        clock.Advance(7);
        lines.Report(Progress(AuditProgressKind.Advanced, 275, 1000, 11));
        clock.Advance(12);
        lines.Tick();
        clock.Advance(1);
        lines.Report(Progress(AuditProgressKind.Finished, 1000, 1000, 24));

        log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "[    0.0s] candidate occlusion: started",
            "[   11.0s] candidate occlusion: 275/1000 windows, 25/s, about 29.0 s left, 11.0 s, 275 forward passes",
            "[   23.0s] candidate occlusion: 275/1000 windows, 12/s, about 1 min 00 s left, 23.0 s, 275 forward passes",
            "[   24.0s] candidate occlusion: 1000/1000 windows, done in 24.0 s, 1000 forward passes");
    }

    [Fact]
    public void Tick_WithinTheInterval_WritesNothing()
    {
        var clock = new ManualClock();
        using var log = new StringWriter();
        using var lines = new ProgressLines(log, "", clock, TimeSpan.FromSeconds(10));
        lines.Report(Progress(AuditProgressKind.Started, 0, 0, 0));

        clock.Advance(9);
        lines.Tick();

        log.ToString().Should().Be($"[    0.0s] occlusion: started{Environment.NewLine}");
    }

    private static AuditProgress Progress(AuditProgressKind kind, long done, long total, double seconds) =>
        new("occlusion", kind, done, total, "windows", TimeSpan.FromSeconds(seconds), done, 0);

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(double seconds) => _ticks += TimeSpan.FromSeconds(seconds).Ticks;
    }
}
