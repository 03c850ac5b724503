using System.Collections.Concurrent;
using ModelAudit.Baselines;
using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Tests.Baselines;

public sealed class ConcurrencyTests
{
    private const string Versioned = "Audit.Versioned";

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

    [Fact]
    public void Check_EightThreadsAcceptingVersionsOfOneBaseline_LeaveExactlyOneWritersSet()
    {
        using var temp = new TempBaselines();
        var settings = temp.Settings with { Accept = true };
        var name = SnapshotName.Parse(Versioned);
        var stop = false;
        var seen = new ConcurrentBag<int>();
        Exception? readerError = null;
        var reader = new Thread(() =>
        {
            // A reader beside the writers must always find one whole set, never a mix or a missing picture.
            try
            {
                while (!Volatile.Read(ref stop))
                {
                    if (Read(temp) is { } version)
                    {
                        seen.Add(version);
                    }
                }
            }
            catch (Exception e)
            {
                readerError = e;
            }
        });
        reader.Start();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, writer =>
        {
            for (var i = 0; i < 30; i++)
            {
                Baseline.Check(Version(writer), name, settings).Passed.Should().BeTrue();
            }
        });
        Volatile.Write(ref stop, true);
        reader.Join();

        readerError.Should().BeNull();
        var final = Read(temp);
        final.Should().BeInRange(0, 7);
        temp.Files().Should().Equal($"{Versioned}#extra_{final}.{{sha}}.verified.png", $"{Versioned}#map.{{sha}}.verified.png", $"{Versioned}.verified.json");
        Baseline.Check(Version(final!.Value), name, temp.Settings).Outcome.Should().Be(BaselineOutcome.Matched);
        seen.Should().NotBeEmpty();
    }

    [Fact]
    public void Accept_EightThreadsAcceptingReceivedSets_LeaveExactlyOneWritersSet()
    {
        using var temp = new TempBaselines();
        var name = SnapshotName.Parse(Versioned);

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, writer =>
        {
            for (var i = 0; i < 15; i++)
            {
                Baseline.Check(Version(writer), name, temp.Settings);
                try
                {
                    temp.Store.Accept(Versioned);
                }
                catch (ModelAuditException e) when (e.Message.Contains("are not one complete set", StringComparison.Ordinal))
                {
                    // Two failing runs wrote received files at once: accepting refuses the mix, as it should.
                }
            }
        });

        var final = Read(temp);
        final.Should().BeInRange(0, 7);
        temp.Files().Where(f => f.Contains(".verified.", StringComparison.Ordinal)).Should().HaveCount(3);
        temp.Files().Should().NotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    /// <summary>
    /// Version <paramref name="v"/> of one baseline: the metric <c>version</c> says v, the square in <c>map</c> is grey 30·v,
    /// and an image named after v, so a set mixing two versions is seen in its metrics, its pixels and its file list.
    /// </summary>
    internal static Snapshot Version(int v) => Snapshot.Of(
        new Dictionary<string, double> { ["version"] = v },
        ("map", TempBaselines.WithSquare(TempBaselines.Gradient(24, 16), 4, 4, 8, Rgb.Gray((byte)(30 * v)))),
        ($"extra_{v}", RgbImage.Filled(6, 6, Rgb.Gray((byte)(30 * v)))));

    /// <summary>The version of the verified set, after checking that its metric, its pictures and its image names agree.</summary>
    internal static int? Read(TempBaselines temp)
    {
        var loaded = BaselineSetReader.Load(new BaselineFiles(temp.Root, Versioned), BaselineFiles.Verified);
        if (loaded is null)
        {
            return null;
        }

        var version = (int)loaded.Set.Metrics["version"];
        loaded.Set.Images.Keys.Should().Equal($"extra_{version}", "map");
        ImageCodec.Decode(loaded.Pngs["map"])[6, 6].R.Should().Be((byte)(30 * version), "the picture belongs to the metrics' version");
        ImageCodec.Decode(loaded.Pngs[$"extra_{version}"])[0, 0].R.Should().Be((byte)(30 * version));
        return version;
    }
}
