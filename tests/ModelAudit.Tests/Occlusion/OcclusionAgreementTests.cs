using ModelAudit.Imaging;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>The batched path against a plain loop of occluded images through the ML.NET reference pipeline.</summary>
public sealed class OcclusionAgreementTests
{
    private static readonly OcclusionOptions Coarse = new() { Window = 16, Stride = 16, BatchSize = 20 };

    [Fact]
    public void Compute_PaddleOcr_EqualsAPerWindowLoopThroughMlNet()
    {
        var image = TestModels.Line("Zeiler and Fergus");
        var map = new OcclusionSensitivity(TestModels.PaddleOcr).Compute(image, Coarse);

        using var reference = TestModels.PaddleOcr.CreateReferencePipeline();
        reference.Score(image)[map.TargetClass].Should().BeApproximately((float)map.BaseProbability, 1e-5f);
        map.Windows.Should().HaveCount(3 * 12);
        foreach (var window in map.Windows)
        {
            var p = reference.Score(ImageOps.FillRect(image, window.Box, Rgb.Gray(128)))[map.TargetClass];
            window.Probability.Should().BeApproximately(p, 1e-5, $"window {window.Box}");
        }
    }

    [Fact]
    public void Compute_SeveralImagesSharingBatches_EqualsOneImageAtATime()
    {
        var occlusion = new OcclusionSensitivity(TestModels.PaddleOcr);
        RgbImage[] images = [TestModels.Line("Page 7 of 12"), TestModels.Upside(TestModels.Line("Dear customer,"))];
        var reports = new List<OcclusionProgress>();

        var together = occlusion.Compute(images, Coarse, new SynchronousProgress(reports.Add));

        for (var i = 0; i < images.Length; i++)
        {
            var alone = occlusion.Compute(images[i], Coarse with { BatchSize = 64 });
            together[i].TargetClass.Should().Be(alone.TargetClass);
            together[i].Windows.Select(w => w.Probability).Should().Equal(alone.Windows.Select(w => w.Probability), (a, b) => Math.Abs(a - b) < 1e-5);
        }

        together[0].TargetClass.Should().Be(0);
        together[1].TargetClass.Should().Be(1);
        reports.Select(r => r.Completed).Should().BeInAscendingOrder().And.EndWith(2 * 37);
        reports.Should().OnlyContain(r => r.Total == 2 * 37);
    }

    private sealed class SynchronousProgress(Action<OcclusionProgress> report) : IProgress<OcclusionProgress>
    {
        public void Report(OcclusionProgress value) => report(value);
    }
}
