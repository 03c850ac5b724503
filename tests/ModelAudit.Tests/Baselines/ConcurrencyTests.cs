using ModelAudit.Baselines;

namespace ModelAudit.Tests.Baselines;

public sealed class ConcurrencyTests
{
    [Fact]
    public void Check_ParallelWritersOfDifferentNames_NeverClash()
    {
        using var temp = new TempBaselines();
        var image = TempBaselines.Gradient(24, 16);

        Parallel.For(0, 16, i => Baseline.Check(TempBaselines.Snap(image, mass: i), SnapshotName.Parse($"Audit.Parallel_{i}"), temp.Settings));
        var accepted = temp.Store.Accept("Audit.Parallel_*");
        var results = new BaselineResult[16];
        Parallel.For(0, 16, i => results[i] = Baseline.Check(TempBaselines.Snap(image, mass: i), SnapshotName.Parse($"Audit.Parallel_{i}"), temp.Settings));

        accepted.Should().HaveCount(16);
        results.Should().OnlyContain(r => r.Outcome == BaselineOutcome.Matched);
        temp.Files().Should().HaveCount(32).And.OnlyContain(f => f.Contains(".verified."));
    }
}
