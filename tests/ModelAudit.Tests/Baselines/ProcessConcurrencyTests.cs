using System.Diagnostics;
using ModelAudit.Baselines;

namespace ModelAudit.Tests.Baselines;

/// <summary>Writers in different processes: the lock and the commit must hold across processes, not just threads.</summary>
public sealed class ProcessConcurrencyTests
{
    [Fact]
    public void Accept_EightCliProcessesWhileRunsFail_LeaveExactlyOneWritersSet()
    {
        using var temp = new TempBaselines();
        var name = SnapshotName.Parse("Audit.Versioned");
        var cli = Path.Combine(AppContext.BaseDirectory, "ModelAudit.Cli.dll");
        var done = 0;
        var accepted = 0;
        var outcomes = new List<string>();
        Baseline.Check(ConcurrencyTests.Version(0), name, temp.Settings);

        var processes = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            for (var round = 0; round < 4; round++)
            {
                var (exit, output, error) = Run(cli, "baselines", "accept", "Audit.Versioned", "--root", temp.Root);
                lock (outcomes)
                {
                    // Exit 2 is right only when two failing runs wrote received files at once and accept refused the mix.
                    outcomes.Add(exit == 0 || error.Contains("are not one complete set", StringComparison.Ordinal) ? "ok" : $"exit {exit}: {error}");
                    accepted += output.Contains("accepted: 1 baseline(s)", StringComparison.Ordinal) ? 1 : 0;
                }
            }

            Interlocked.Increment(ref done);
        })).ToList();
        processes.ForEach(p => p.Start());
        for (var v = 1; Volatile.Read(ref done) < processes.Count; v = (v % 7) + 1)
        {
            Baseline.Check(ConcurrencyTests.Version(v), name, temp.Settings);
        }

        processes.ForEach(p => p.Join());

        outcomes.Should().HaveCount(32).And.OnlyContain(o => o == "ok");
        accepted.Should().BePositive();
        ConcurrencyTests.Read(temp).Should().BeInRange(0, 7);
        temp.Files().Where(f => f.Contains(".verified.", StringComparison.Ordinal)).Should().HaveCount(3);
    }

    private static (int Exit, string Output, string Error) Run(string dll, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
