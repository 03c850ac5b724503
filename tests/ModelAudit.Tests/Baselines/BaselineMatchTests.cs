using ModelAudit.Baselines;
using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Tests.Baselines;

public sealed class BaselineMatchTests
{
    private static readonly SnapshotName Name = SnapshotName.Parse("Audit.Heatmap");

    [Fact]
    public void Match_NoBaseline_FailsAndWritesReceivedFiles()
    {
        using var temp = new TempBaselines();

        var act = () => Baseline.Match(TempBaselines.Snap(), Name, temp.Settings);

        var error = act.Should().Throw<BaselineMismatchException>().Which;
        error.Result!.Outcome.Should().Be(BaselineOutcome.Missing);
        error.Message.Should().Contain("no verified files yet").And.Contain(temp.File("Audit.Heatmap#map.received.png"))
            .And.Contain(temp.File("Audit.Heatmap.received.json")).And.Contain("modelaudit baselines accept");
        temp.Files().Should().Equal("Audit.Heatmap#map.received.png", "Audit.Heatmap.received.json");
    }

    [Fact]
    public void Match_IdenticalSnapshot_PassesAndRemovesStaleReceivedFiles()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });
        Baseline.Check(TempBaselines.Snap(mass: 0.5), Name, temp.Settings);

        var result = Baseline.Match(TempBaselines.Snap(), Name, temp.Settings);

        result.Outcome.Should().Be(BaselineOutcome.Matched);
        result.Images.Should().ContainSingle().Which.Ssim.Should().Be(1.0);
        temp.Files().Should().Equal("Audit.Heatmap#map.{sha}.verified.png", "Audit.Heatmap.verified.json");
    }

    [Fact]
    public void Match_SmallNoiseAndMetricDrift_PassWithinTolerance()
    {
        using var temp = new TempBaselines();
        var image = TempBaselines.Gradient();
        Baseline.Check(TempBaselines.Snap(image), Name, temp.Settings with { Accept = true });
        var noisy = RgbImage.Create(image.Width, image.Height, (x, y) =>
        {
            var c = image[x, y];
            var d = (x * 7 + y * 3) % 3 - 1;
            return new Rgb((byte)Math.Clamp(c.R + d, 0, 255), (byte)Math.Clamp(c.G - d, 0, 255), c.B);
        });

        var result = Baseline.Match(TempBaselines.Snap(noisy, mass: 0.73 * (1 + 5e-5)), Name, temp.Settings);

        result.Images[0].Ssim.Should().BeInRange(0.98, 1.0);
        result.Images[0].MaxPixelDifference.Should().Be(1);
    }

    [Fact]
    public void Match_ChangedSquare_FailsWithFiguresAndWritesDiff()
    {
        using var temp = new TempBaselines();
        var image = TempBaselines.Gradient();
        Baseline.Check(TempBaselines.Snap(image), Name, temp.Settings with { Accept = true });

        var changed = TempBaselines.WithSquare(image, 20, 8, 12, new Rgb(255, 255, 255));
        var act = () => Baseline.Match(TempBaselines.Snap(changed), Name, temp.Settings);

        var error = act.Should().Throw<BaselineMismatchException>().Which;
        var comparison = error.Result!.Images.Single();
        comparison.Status.Should().Be(ImageStatus.Changed);
        comparison.Ssim.Should().BeLessThan(0.98);
        comparison.DifferingPixels.Should().Be(144);
        error.Message.Should().MatchRegex(@"image 'map': SSIM 0\.\d{4}, max pixel difference \d+, mean \d+\.\d{3}, 144 pixels differ")
            .And.Contain("verified: " + temp.VerifiedPicture("Audit.Heatmap", "map"))
            .And.Contain("received: " + temp.File("Audit.Heatmap#map.received.png"))
            .And.Contain("diff:     " + temp.File("Audit.Heatmap#map.diff.png"));
        var diff = ImageCodec.Load(temp.File("Audit.Heatmap#map.diff.png"));
        diff[25, 12].R.Should().BeGreaterThan(diff[25, 12].G, "changed pixels are red");
        diff[2, 2].R.Should().Be(diff[2, 2].G, "unchanged pixels are grey");
    }

    [Fact]
    public void Match_PixelLimit_FailsEvenWhenSsimPasses()
    {
        using var temp = new TempBaselines();
        var image = TempBaselines.Gradient();
        Baseline.Check(TempBaselines.Snap(image), Name, temp.Settings with { Accept = true });
        var c = image[40, 2];
        var dot = TempBaselines.WithSquare(image, 40, 2, 1, new Rgb((byte)(c.R - 12), (byte)(c.G + 12), c.B));

        Baseline.Check(TempBaselines.Snap(dot), Name, temp.Settings).Passed.Should().BeTrue();
        Baseline.For(TempBaselines.Snap(dot)).WithSettings(temp.Settings).WithMaxPixelDifference(10).Check(Name)
            .Outcome.Should().Be(BaselineOutcome.Mismatched);
    }

    [Fact]
    public void Match_DifferentSize_SaysSizeChangedAndWritesNoDiff()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });

        var act = () => Baseline.Match(TempBaselines.Snap(TempBaselines.Gradient(40, 32)), Name, temp.Settings);

        act.Should().Throw<BaselineMismatchException>()
            .WithMessage("*image 'map': size changed from 48x32 (verified) to 40x32 (received); pictures not compared, no diff written*");
        temp.Files().Should().NotContain(f => f.Contains(".diff."));
    }

    [Fact]
    public void Match_ImageAddedAndRemoved_ListsBoth()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });
        var snapshot = Snapshot.Of(TempBaselines.Snap().Metrics, ("overlay", TempBaselines.Gradient()));

        var result = Baseline.Check(snapshot, Name, temp.Settings);

        result.Images.Select(i => (i.Image, i.Status)).Should().Equal(("map", ImageStatus.Removed), ("overlay", ImageStatus.Added));
        result.Message.Should().Contain("image 'map': the verified baseline has this image but the snapshot does not");
    }

    [Fact]
    public void Check_RunTwice_WritesByteIdenticalFiles()
    {
        using var first = new TempBaselines();
        using var second = new TempBaselines();
        var changed = TempBaselines.WithSquare(TempBaselines.Gradient(), 5, 5, 6, new Rgb(0, 0, 255));
        foreach (var temp in new[] { first, second })
        {
            Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });
            Baseline.Check(TempBaselines.Snap(changed, mass: 0.2), Name, temp.Settings);
        }

        var files = Directory.GetFiles(first.Root).Select(Path.GetFileName).Where(f => !f!.StartsWith(".modelaudit-tmp", StringComparison.Ordinal)).ToList();
        files.Should().BeEquivalentTo(Directory.GetFiles(second.Root).Select(Path.GetFileName).Where(f => !f!.StartsWith(".modelaudit-tmp", StringComparison.Ordinal)))
            .And.HaveCount(5, "content-addressed names are the same too");
        foreach (var file in files)
        {
            File.ReadAllBytes(first.File(file!)).Should().Equal(File.ReadAllBytes(second.File(file!)), file);
        }
    }

    [Fact]
    public void Check_JsonFile_HasSortedKeysInvariantNumbersAndNoTimestamp()
    {
        using var temp = new TempBaselines();
        var snapshot = Snapshot.Of(new Dictionary<string, double> { ["zeta"] = 0.1, ["alpha"] = 1e-7, ["nan"] = double.NaN }, ("map", TempBaselines.Gradient()));

        Baseline.Check(snapshot, Name, temp.Settings with { Accept = true });

        var png = temp.VerifiedPicture("Audit.Heatmap", "map");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(png)));
        Path.GetFileName(png).Should().Be($"Audit.Heatmap#map.{sha[..16]}.verified.png");
        File.ReadAllText(temp.File("Audit.Heatmap.verified.json")).Should().Be(
            "{\n  \"images\": {\n    \"map\": {\n      \"png\": \"" + Path.GetFileName(png) + "\",\n      \"sha256\": \"" + sha + "\"\n    }\n  },\n" +
            "  \"metrics\": {\n    \"alpha\": 1E-07,\n    \"nan\": \"NaN\",\n    \"zeta\": 0.1\n  }\n}\n");
        Baseline.Check(snapshot, Name, temp.Settings).Outcome.Should().Be(BaselineOutcome.Matched, "NaN matches NaN");
    }

    [Fact]
    public void Match_CorruptVerifiedFiles_NameTheFileAndHowToFix()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });
        var png = temp.VerifiedPicture("Audit.Heatmap", "map");
        File.WriteAllBytes(png, File.ReadAllBytes(png)[..40]);

        var badPng = () => Baseline.Match(TempBaselines.Snap(), Name, temp.Settings);

        badPng.Should().Throw<CorruptBaselineException>().WithMessage(
            $"The baseline file '{temp.File("Audit.Heatmap.verified.json")}' cannot be read: it records SHA-256 * for image 'map', but '{png}' has SHA-256 *Delete it and re-run with MODELAUDIT_ACCEPT=1*");
        File.Delete(png);
        badPng.Should().Throw<CorruptBaselineException>().WithMessage($"*it names '{png}' as the picture of image 'map', but that file does not exist*");
        File.WriteAllText(temp.File("Audit.Heatmap.verified.json"), "{ \"metrics\": { \"a\": ");
        var badJson = () => Baseline.Match(TempBaselines.Snap(), Name, temp.Settings);
        badJson.Should().Throw<CorruptBaselineException>().WithMessage("*Audit.Heatmap.verified.json' cannot be read: not valid JSON*");
    }
}
