using ModelAudit.Imaging;
using ModelAudit.Tests.Baselines;

namespace ModelAudit.Tests.Imaging;

public sealed class SsimTests
{
    [Fact]
    public void Compute_FlatImages_IsTheLuminanceTermWorkedOutByHand()
    {
        // Zero variance leaves only (2·μa·μb + C1) / (μa² + μb² + C1), with C1 = (0.01·255)².
        const double c1 = 6.5025;
        var expected = ((2 * 100.0 * 110) + c1) / ((100.0 * 100) + (110.0 * 110) + c1);

        Ssim.Compute(RgbImage.Filled(20, 20, Rgb.Gray(100)), RgbImage.Filled(20, 20, Rgb.Gray(110))).Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void Compute_IdenticalAndSwapped_IsOneAndSymmetric()
    {
        var a = TempBaselines.Gradient();
        var b = TempBaselines.WithSquare(a, 3, 3, 8, Rgb.Gray(0));

        Ssim.Compute(a, a).Should().Be(1.0);
        Ssim.Compute(a, b).Should().BeApproximately(Ssim.Compute(b, a), 1e-12).And.BeLessThan(0.98);
    }

    [Fact]
    public void Compute_ImageSmallerThanTheWindow_UsesACutWindow()
    {
        var a = RgbImage.Create(4, 3, (x, y) => Rgb.Gray((byte)(x * 60)));

        Ssim.Compute(a, a).Should().Be(1.0);
    }
}
