using ModelAudit.Imaging;
using ModelAudit.Occlusion;

namespace ModelAudit.Tests.Occlusion;

public sealed class OcclusionSensitivityExactTests
{
    [Fact]
    public void Compute_OneBrightPixel_GivesTheDropsWorkedOutByHand()
    {
        // All weights 1, one white pixel at (1,1): logit 1, so P = σ(1). Any window over (1,1) turns it black: P = σ(0) = ½.
        using var model = LinearGrayModel.Create(4, 4, Enumerable.Repeat(1f, 16).ToArray());
        var image = RgbImage.Create(4, 4, (x, y) => x == 1 && y == 1 ? Rgb.Gray(255) : Rgb.Gray(0));
        var options = new OcclusionOptions { Window = 2, Stride = 1, Fill = OcclusionFill.Constant(Rgb.Gray(0)), Target = 0 };

        var map = new OcclusionSensitivity(model).Compute(image, options);

        var d = Sigmoid(1) - 0.5;
        map.BaseProbability.Should().BeApproximately(Sigmoid(1), 1e-6);
        map.XPositions.Should().Equal(0, 1, 2);
        map.YPositions.Should().Equal(0, 1, 2);
        map.Windows.Select(w => w.Drop > 1e-6).Should().Equal(true, true, false, true, true, false, false, false, false);
        map.MostDamaging.Box.Should().Be(new PixelBox(0, 0, 2, 2));
        map.MaxDrop.Should().BeApproximately(d, 1e-6);

        // Each pixel averages the windows covering it: (0,0) has one window, (1,1) four, (2,1) four of which two drop.
        map.AttributionAt(0, 0).Should().BeApproximately((float)d, 1e-6f);
        map.AttributionAt(1, 1).Should().BeApproximately((float)d, 1e-6f);
        map.AttributionAt(2, 1).Should().BeApproximately((float)(d / 2), 1e-6f);
        map.AttributionAt(2, 2).Should().BeApproximately((float)(d / 4), 1e-6f);
        map.AttributionAt(3, 3).Should().BeApproximately(0f, 1e-6f);
        // (0,0), (1,0), (0,1) and (1,1) all hold d; the peak is the one of them first nearest their centroid (½,½).
        map.Peak.Should().Be((0, 0));
    }

    [Fact]
    public void Compute_RandomLinearModel_EqualsAStraightforwardComputation()
    {
        const int h = 7, w = 9;
        var rng = new Random(5);
        var weights = Enumerable.Range(0, h * w).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
        var image = RgbImage.Create(w, h, (_, _) => Rgb.Gray((byte)rng.Next(256)));
        using var model = LinearGrayModel.Create(h, w, weights, batchSize: 5);
        var options = new OcclusionOptions { WindowWidth = 4, WindowHeight = 3, Stride = 2, Fill = OcclusionFill.Mean(), Target = 0, BatchSize = 7 };

        var map = new OcclusionSensitivity(model).Compute(image, options);

        var fill = ImageOps.MeanColour(image);
        var p0 = LinearGrayModel.Probability(image, weights);
        var sum = new double[h * w];
        var count = new int[h * w];
        foreach (var y0 in new[] { 0, 2, 4 })
        {
            foreach (var x0 in new[] { 0, 2, 4, 5 })
            {
                var box = new PixelBox(x0, y0, 4, 3);
                var p = LinearGrayModel.Probability(ImageOps.FillRect(image, box, fill), weights);
                var window = map.WindowAt(Array.IndexOf(new[] { 0, 2, 4 }, y0), Array.IndexOf(new[] { 0, 2, 4, 5 }, x0));
                window.Box.Should().Be(box);
                window.Probability.Should().BeApproximately(p, 1e-5);
                for (var y = y0; y < y0 + 3; y++)
                {
                    for (var x = x0; x < x0 + 4; x++)
                    {
                        sum[(y * w) + x] += p0 - p;
                        count[(y * w) + x]++;
                    }
                }
            }
        }

        map.BaseProbability.Should().BeApproximately(p0, 1e-5);
        map.Attribution.ToArray().Select(v => (double)v).Should().Equal(sum.Select((s, i) => s / count[i]), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Compute_SizeNotDivisibleByStride_CoversEveryPixel()
    {
        // White image, black fill, all weights positive: every window lowers P, so a pixel is positive iff covered.
        using var model = LinearGrayModel.Create(11, 13, Enumerable.Repeat(0.05f, 11 * 13).ToArray());
        var image = RgbImage.Filled(13, 11, Rgb.Gray(255));
        var options = new OcclusionOptions { Window = 4, Stride = 3, Fill = OcclusionFill.Constant(Rgb.Gray(0)) };

        var map = new OcclusionSensitivity(model).Compute(image, options);

        map.XPositions.Should().Equal(0, 3, 6, 9);
        map.YPositions.Should().Equal(0, 3, 6, 7);
        map.Attribution.ToArray().Should().OnlyContain(v => v > 0);
    }

    [Theory]
    [InlineData(10, 4, 3, new[] { 0, 3, 6 })]
    [InlineData(11, 4, 3, new[] { 0, 3, 6, 7 })]
    [InlineData(64, 8, 4, new[] { 0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56 })]
    [InlineData(8, 8, 4, new[] { 0 })]
    [InlineData(9, 8, 5, new[] { 0, 1 })]
    public void Along_AnySize_StepsByStrideAndEndsFlushWithTheEdge(int length, int window, int stride, int[] expected) =>
        WindowPositions.Along(length, window, stride).Should().Equal(expected);

    [Fact]
    public void Along_ManySizes_CoversEveryPixel()
    {
        for (var length = 1; length <= 40; length++)
        {
            for (var window = 1; window <= length; window++)
            {
                for (var stride = 1; stride <= window; stride++)
                {
                    var covered = new bool[length];
                    foreach (var p in WindowPositions.Along(length, window, stride))
                    {
                        for (var i = p; i < p + window; i++)
                        {
                            covered[i] = true;
                        }
                    }

                    covered.Should().OnlyContain(c => c, $"length {length}, window {window}, stride {stride}");
                }
            }
        }
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
