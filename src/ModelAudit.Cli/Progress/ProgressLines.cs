using System.Globalization;
using ModelAudit.Auditing;

namespace ModelAudit.Cli.Progress;

/// <summary>
/// Progress as plain lines, for logs: one when a stage starts, one when it ends, and while it runs one every
/// <c>interval</c> with its counts, rate, time left and elapsed time. Each line starts with the time since the command
/// began, so a CI log shows where a slow run spends it.
/// </summary>
internal sealed class ProgressLines(TextWriter writer, string label, TimeProvider clock, TimeSpan interval) : IProgress<AuditProgress>, IDisposable
{
    private readonly object _gate = new();
    private readonly long _begun = clock.GetTimestamp();
    private ITimer? _timer;
    private AuditProgress? _running;
    private long _runningAt;
    private long _lastLine;

    /// <summary>Checks every second whether a running stage is due a line, so a stage that reports nothing for a while still shows in the log.</summary>
    public void StartTimer() => _timer = clock.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public void Report(AuditProgress value)
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _running = value.Kind == AuditProgressKind.Finished ? null : value;
            _runningAt = now;
            if (value.Kind != AuditProgressKind.Advanced || clock.GetElapsedTime(_lastLine, now) >= interval)
            {
                Write(value, now);
            }
        }
    }

    /// <summary>Writes the running stage's line when none was written for <c>interval</c>, its elapsed time brought up to now.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            if (_running is { } running && clock.GetElapsedTime(_lastLine, now) >= interval)
            {
                Write(running with { Kind = AuditProgressKind.Advanced, Elapsed = running.Elapsed + clock.GetElapsedTime(_runningAt, now) }, now);
            }
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Write(AuditProgress value, long now)
    {
        var since = clock.GetElapsedTime(_begun, now);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{since.TotalSeconds,7:0.0}s] {(label.Length > 0 ? label + " " : "")}{value}"));
        writer.Flush();
        _lastLine = now;
    }
}
