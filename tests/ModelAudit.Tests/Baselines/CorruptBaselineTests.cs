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
        // A crafted picture whose hash the JSON vouches for gets past the set check to the decoder, which must refuse it.
        var png = Directory.GetFiles(temp.Root, "Audit.Heatmap#map.*.verified.png").Single();
        var crafted = CraftedImages.Png(width, height);
        File.WriteAllBytes(png, crafted);
        var json = temp.File("Audit.Heatmap.verified.json");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(crafted));
        File.WriteAllText(json, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(json), "\"sha256\": \"[0-9a-f]{64}\"", $"\"sha256\": \"{sha}\""));

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

        act.Should().Throw<ModelAuditException>().WithMessage("Cannot accept 'Audit.Heatmap'*not valid UTF-8 text*Re-run the test*")
            .WithInnerException<CorruptBaselineException>().Which.Path.Should().Be(json);
    }
}
