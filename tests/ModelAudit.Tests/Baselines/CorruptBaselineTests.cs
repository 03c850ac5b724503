using System.Text;
using ModelAudit.Baselines;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Baselines;

public sealed class CorruptBaselineTests
{
    private static readonly SnapshotName Name = SnapshotName.Parse("Audit.Heatmap");

    [Theory]
    [InlineData(23170u, 23170u)]
    [InlineData(40000u, 40000u)]
    public void Match_VerifiedPngDeclaringHugeSize_ThrowsCorruptBaselineNamingTheFile(uint width, uint height)
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });
        var png = temp.File("Audit.Heatmap#map.verified.png");
        File.WriteAllBytes(png, CraftedImages.Png(width, height));

        var act = () => Baseline.Match(TempBaselines.Snap(), Name, temp.Settings);

        var before = GC.GetAllocatedBytesForCurrentThread();
        act.Should().Throw<CorruptBaselineException>()
            .WithMessage($"The baseline file '{png}' cannot be read: '{png}' declares {width}x{height} pixels*Delete it and re-run with MODELAUDIT_ACCEPT=1*")
            .Which.Path.Should().Be(png);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(50L * 1024 * 1024, "the declared size is refused before decoding");
    }

    [Fact]
    public void Match_VerifiedJsonWithInvalidUtf8_ThrowsCorruptBaselineNamingTheFile()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });
        var json = temp.File("Audit.Heatmap.verified.json");
        File.WriteAllBytes(json, [.. Encoding.ASCII.GetBytes("{\"images\": [\"map\"], \"metrics\": {\"mass_"), 0xFF, 0xFE, .. Encoding.ASCII.GetBytes("\": 0.73}}\n")]);

        var act = () => Baseline.Match(TempBaselines.Snap(), Name, temp.Settings);

        act.Should().Throw<CorruptBaselineException>()
            .WithMessage($"The baseline file '{json}' cannot be read: not valid UTF-8 text*Delete it and re-run*")
            .Which.Path.Should().Be(json);
    }

    [Fact]
    public void Accept_ReceivedJsonWithInvalidUtf8_ThrowsCorruptBaselineNamingTheFile()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings);
        var json = temp.File("Audit.Heatmap.received.json");
        File.WriteAllBytes(json, [.. Encoding.ASCII.GetBytes("{\"images\": [\"m"), 0xC3, .. Encoding.ASCII.GetBytes("\"], \"metrics\": {}}\n")]);

        var act = () => temp.Store.Accept();

        act.Should().Throw<CorruptBaselineException>().WithMessage($"The baseline file '{json}' cannot be read: not valid UTF-8 text*");
    }
}
