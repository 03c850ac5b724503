using ModelAudit.Baselines;
using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Tests.Baselines;

public sealed class AcceptTests
{
    private static readonly SnapshotName Name = SnapshotName.Parse("Audit.Heatmap");

    [Fact]
    public void Check_AcceptEnvironment_RecordsVerifiedAndPasses()
    {
        using var temp = new TempBaselines();
        temp.Environment["MODELAUDIT_ACCEPT"] = "1";

        var result = Baseline.Match(TempBaselines.Snap(), Name, temp.Settings);

        result.Outcome.Should().Be(BaselineOutcome.Accepted);
        temp.Files().Should().Equal("Audit.Heatmap#map.{sha}.verified.png", "Audit.Heatmap.verified.json");
        temp.Environment.Remove("MODELAUDIT_ACCEPT");
        Baseline.Match(TempBaselines.Snap(), Name, temp.Settings).Outcome.Should().Be(BaselineOutcome.Matched);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    public void Check_OnCi_NeverAccepts(string ci)
    {
        using var temp = new TempBaselines();
        temp.Environment["MODELAUDIT_ACCEPT"] = "1";
        temp.Environment["CI"] = ci;

        var env = Baseline.Check(TempBaselines.Snap(), Name, temp.Settings);
        var explicitly = Baseline.For(TempBaselines.Snap()).WithSettings(temp.Settings).Accepting().Check(Name);

        env.Outcome.Should().Be(BaselineOutcome.Missing);
        explicitly.Outcome.Should().Be(BaselineOutcome.Missing);
        temp.Files().Should().NotContain(f => f.Contains(".verified."));
    }

    [Fact]
    public void Check_CiFalse_StillAccepts()
    {
        using var temp = new TempBaselines();
        temp.Environment["MODELAUDIT_ACCEPT"] = "true";
        temp.Environment["CI"] = "false";

        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings).Outcome.Should().Be(BaselineOutcome.Accepted);
    }

    [Fact]
    public void StoreAccept_Pattern_PromotesOnlyMatchingReceivedFiles()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), SnapshotName.Parse("Occlusion.Map"), temp.Settings);
        Baseline.Check(TempBaselines.Snap(), SnapshotName.Parse("Filters.Grid"), temp.Settings);

        var accepted = temp.Store.Accept("Occlusion.*");

        accepted.Select(a => (a.Name, a.Status)).Should().Equal(("Occlusion.Map", BaselineStatus.New));
        temp.Store.List().Select(b => (b.Name, b.Status)).Should().Equal(("Filters.Grid", BaselineStatus.New), ("Occlusion.Map", BaselineStatus.Verified));
        Baseline.Check(TempBaselines.Snap(), SnapshotName.Parse("Occlusion.Map"), temp.Settings).Outcome.Should().Be(BaselineOutcome.Matched);
    }

    [Fact]
    public void StoreAccept_ChangedImage_ReplacesVerifiedAndDeletesDiff()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });
        var changed = TempBaselines.WithSquare(TempBaselines.Gradient(), 10, 10, 10, new Rgb(0, 0, 0));
        Baseline.Check(TempBaselines.Snap(changed, mass: 0.9), Name, temp.Settings);

        var listed = temp.Store.List().Single();
        listed.Status.Should().Be(BaselineStatus.Changed);
        listed.DiffFiles.Should().Equal(temp.File("Audit.Heatmap#map.diff.png"));
        listed.ReceivedFiles.Should().Equal(temp.File("Audit.Heatmap#map.received.png"), temp.File("Audit.Heatmap.received.json"));

        temp.Store.Accept(null).Should().ContainSingle();

        temp.Files().Should().Equal("Audit.Heatmap#map.{sha}.verified.png", "Audit.Heatmap.verified.json");
        Baseline.Check(TempBaselines.Snap(changed, mass: 0.9), Name, temp.Settings).Outcome.Should().Be(BaselineOutcome.Matched);
    }

    [Fact]
    public void StoreAccept_RemovedImage_DeletesItsVerifiedPicture()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });
        Baseline.Check(Snapshot.Of(TempBaselines.Snap().Metrics), Name, temp.Settings);

        temp.Store.Accept("Audit.Heatmap");

        temp.Files().Should().Equal("Audit.Heatmap.verified.json");
    }

    [Fact]
    public void StoreDiscard_DeletesReceivedAndDiffFiles()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });
        Baseline.Check(TempBaselines.Snap(TempBaselines.WithSquare(TempBaselines.Gradient(), 4, 4, 16, Rgb.Gray(0))), Name, temp.Settings);

        temp.Store.Discard("*").Should().ContainSingle();

        temp.Files().Should().Equal("Audit.Heatmap#map.{sha}.verified.png", "Audit.Heatmap.verified.json");
    }
}
