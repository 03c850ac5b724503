using System.Diagnostics;

namespace ModelAudit.Benchmarks.Embeddings;

/// <summary>Wall-clock and process CPU seconds of one call (CPU time shows the work when the machine is shared).</summary>
internal static class Measured
{
    public static (T Result, double WallSeconds, double CpuSeconds) Run<T>(Func<T> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (result, wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or "n/a" where there is none.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public static double PeakWorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1e6;
    }
}
