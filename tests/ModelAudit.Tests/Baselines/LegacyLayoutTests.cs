using ModelAudit.Baselines;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Baselines;

/// <summary>Baselines recorded before sets named their pictures: a JSON listing image names, pictures without a hash.</summary>
public sealed class LegacyLayoutTests
{
    private static readonly SnapshotName Name = SnapshotName.Parse("Audit.Heatmap");

    [Fact]
    public void Match_LegacyFiles_StillMatch()
    {
        using var temp = Legacy();

        Baseline.Match(TempBaselines.Snap(), Name, temp.Settings).Outcome.Should().Be(BaselineOutcome.Matched);
        temp.Files().Should().Equal("Audit.Heatmap#map.verified.png", "Audit.Heatmap.verified.json");
    }

    [Fact]
    public void Check_LegacyFilesMatchWhileAccepting_MoveToTheNewLayoutWithTheSameBytes()
    {
        using var temp = Legacy();
        var png = File.ReadAllBytes(temp.File("Audit.Heatmap#map.verified.png"));
        var near = TempBaselines.Snap(mass: 0.73 * (1 + 5e-5));

        Baseline.Check(near, Name, temp.Settings with { Accept = true }).Outcome.Should().Be(BaselineOutcome.Matched);

        temp.Files().Should().Equal("Audit.Heatmap#map.{sha}.verified.png", "Audit.Heatmap.verified.json");
        File.ReadAllBytes(temp.VerifiedPicture("Audit.Heatmap", "map")).Should().Equal(png);
        File.ReadAllText(temp.File("Audit.Heatmap.verified.json")).Should().Contain("\"mass_inside\": 0.73,", "the verified metrics are kept, not the snapshot's");
    }

    [Fact]
    public void Accept_LegacyFiles_ReplacedByTheNewLayout()
    {
        using var temp = Legacy();
        var changed = TempBaselines.WithSquare(TempBaselines.Gradient(), 4, 4, 16, Rgb.Gray(0));
        Baseline.Check(TempBaselines.Snap(changed, mass: 0.5), Name, temp.Settings).Outcome.Should().Be(BaselineOutcome.Mismatched);

        temp.Store.Accept("Audit.Heatmap").Should().ContainSingle();

        temp.Files().Should().Equal("Audit.Heatmap#map.{sha}.verified.png", "Audit.Heatmap.verified.json");
        Baseline.Check(TempBaselines.Snap(changed, mass: 0.5), Name, temp.Settings).Outcome.Should().Be(BaselineOutcome.Matched);
    }

    [Fact]
    public void Match_LegacyPictureMissing_IsCorruptNamingBothFiles()
    {
        using var temp = Legacy();
        File.Delete(temp.File("Audit.Heatmap#map.verified.png"));

        var act = () => Baseline.Match(TempBaselines.Snap(), Name, temp.Settings);

        act.Should().Throw<CorruptBaselineException>().WithMessage(
            $"The baseline file '{temp.File("Audit.Heatmap.verified.json")}' cannot be read: it names '{temp.File("Audit.Heatmap#map.verified.png")}'*does not exist*");
    }

    private static TempBaselines Legacy()
    {
        var temp = new TempBaselines();
        File.WriteAllText(temp.File("Audit.Heatmap.verified.json"), "{\n  \"images\": [\n    \"map\"\n  ],\n  \"metrics\": {\n    \"mass_inside\": 0.73,\n    \"peak\": 12\n  }\n}\n");
        File.WriteAllBytes(temp.File("Audit.Heatmap#map.verified.png"), ImageCodec.EncodePng(TempBaselines.Gradient()));
        return temp;
    }
}
