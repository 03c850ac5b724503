using ModelAudit.Baselines;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Baselines;

/// <summary>A writer killed after any step of replacing a set leaves the old set or the new one, never a mix.</summary>
public sealed class CrashTests
{
    private sealed class Killed : Exception;

    [Fact]
    public void Commit_KilledAfterEveryStep_LeavesTheOldOrTheNewSet()
    {
        var steps = Steps();
        steps.Should().Contain("verified JSON replaced").And.HaveCountGreaterThan(6);
        var commit = steps.IndexOf("verified JSON replaced");

        for (var k = 0; k < steps.Count; k++)
        {
            using var temp = OldSet();
            var act = () => Commit(temp, step => KillAt(step, steps[k]));

            act.Should().Throw<Killed>();
            ConcurrencyTests.Read(temp).Should().Be(k < commit ? 1 : 2, $"killed after '{steps[k]}'");
            temp.Files().Should().NotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal));

            // The next run finds a whole set, removes what the killed writer left, and can replace it again.
            var next = Baseline.Check(ConcurrencyTests.Version(k < commit ? 1 : 2), SnapshotName.Parse("Audit.Versioned"), temp.Settings);
            next.Outcome.Should().Be(BaselineOutcome.Matched);
            temp.Files().Where(f => f.Contains(".verified.", StringComparison.Ordinal)).Should().HaveCount(3, $"killed after '{steps[k]}'");
        }
    }

    [Fact]
    public void Commit_KilledBetweenTempWriteAndRename_LeavesOnlyGitIgnoredTempFiles()
    {
        using var temp = OldSet();
        string? leftover = null;

        // AtomicFile deletes its temporary file when an exception passes; a real kill does not, so copy it aside first.
        var act = () => Commit(temp, step =>
        {
            if (step.StartsWith("temporary file of", StringComparison.Ordinal))
            {
                leftover = Directory.GetFiles(temp.Root, ".modelaudit-tmp.*.tmp").Single();
                throw new Killed();
            }
        });

        act.Should().Throw<Killed>();
        Path.GetFileName(leftover).Should().MatchRegex(@"^\.modelaudit-tmp\.[0-9a-f]{32}\.tmp$");
        GitIgnore.IsIgnored(Path.Combine("baselines", Path.GetFileName(leftover)!)).Should().BeTrue();
        foreach (var file in Directory.GetFiles(temp.Root).Select(Path.GetFileName))
        {
            // The lock, received and diff files must stay out of commits; verified files must not.
            GitIgnore.IsIgnored(Path.Combine("baselines", file!)).Should().Be(!file!.Contains(".verified.", StringComparison.Ordinal), file);
        }
    }

    private static void KillAt(string step, string target)
    {
        if (step == target)
        {
            throw new Killed();
        }
    }

    /// <summary>Every step of replacing version 1 (images map, extra_1) by version 2 (map, extra_2) with pending files present.</summary>
    private static List<string> Steps()
    {
        using var temp = OldSet();
        var steps = new List<string>();
        Commit(temp, steps.Add);
        return steps;
    }

    private static TempBaselines OldSet()
    {
        var temp = new TempBaselines();
        Baseline.Check(ConcurrencyTests.Version(1), SnapshotName.Parse("Audit.Versioned"), temp.Settings with { Accept = true });
        Baseline.Check(ConcurrencyTests.Version(2), SnapshotName.Parse("Audit.Versioned"), temp.Settings).Passed.Should().BeFalse();
        return temp;
    }

    private static void Commit(TempBaselines temp, Action<string> step)
    {
        var snapshot = ConcurrencyTests.Version(2);
        var pngs = snapshot.Images.ToDictionary(i => i.Key, i => ImageCodec.EncodePng(i.Value));
        BaselineSetWriter.Commit(new BaselineFiles(temp.Root, "Audit.Versioned"), snapshot.Metrics, pngs, step);
    }
}
