using System.Diagnostics;
using ModelAudit.Faithfulness;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>ROAD's imputation: the 8-neighbour weighted mean of a plane is the plane, so a linear ramp comes back.</summary>
public sealed class NoisyLinearFillTests(ITestOutputHelper output)
{
    [Fact]
    public void Impute_LinearRampWithHoles_ReproducesTheRamp()
    {
        const int w = 40, h = 30;
        var plane = new float[w * h];
        var removed = new bool[w * h];
        var random = new Random(5);
        for (var p = 0; p < plane.Length; p++)
        {
            var (x, y) = (p % w, p / w);
            plane[p] = (0.03f * x) - (0.02f * y) + 0.5f;
            var interior = x > 0 && y > 0 && x < w - 1 && y < h - 1;
            removed[p] = interior && ((x is >= 8 and < 30 && y is >= 5 and < 25) || random.NextDouble() < 0.3);
        }

        var expected = (float[])plane.Clone();
        for (var p = 0; p < plane.Length; p++)
        {
            plane[p] = removed[p] ? float.NaN : plane[p];
        }

        NoisyLinearFill.Impute(plane, 1, removed, w, h, fallback: [0]);

        // The solver stops at a relative residual of 1e-4: within 0.3% of the ramp's range, a third of the fill's noise.
        plane.Zip(expected, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(0.005f);
    }

    [Fact]
    public void Write_NoisyLinearOnAColourRamp_ReproducesTheRampUpToTheNoise()
    {
        var spec = InputSpec.FromScaleOffset(32, 32, ChannelOrder.Rgb, [1f / 255], [0f]);
        var image = RgbImage.Create(32, 32, (x, y) => new Rgb((byte)(10 + (3 * x) + (2 * y)), (byte)(200 - (4 * y)), (byte)(50 + (5 * x))));
        var removed = Enumerable.Range(0, 32 * 32).Select(p => p % 32 is > 2 and < 29 && p / 32 is > 4 and < 27).ToArray();
        var perturber = new Perturber(spec, image, PerturbationFill.NoisyLinear);
        var written = new float[spec.TensorLength];

        perturber.Write(removed, written, seed: 1);

        var clean = spec.ToTensor(image);
        var errors = written.Select((v, i) => (double)Math.Abs(v - clean[i])).ToArray();
        var onRemoved = errors.Where((_, i) => removed[i % (32 * 32)]).ToArray();
        errors.Where((_, i) => !removed[i % (32 * 32)]).Should().OnlyContain(e => e == 0, "known pixels keep their values");
        // The noise has σ = 0.01 in these 0..1 input units; the ramp itself comes back to 8-bit rounding.
        Math.Sqrt(onRemoved.Average(e => e * e)).Should().BeInRange(0.008, 0.012);
        onRemoved.Max().Should().BeLessThan(0.05);
    }

    [Fact]
    public void Write_AllPixelsRemoved_FillsWithTheMeanColourAndNoise()
    {
        var spec = InputSpec.FromScaleOffset(16, 16, ChannelOrder.Rgb, [1f / 255], [0f]);
        var image = RgbImage.Create(16, 16, (x, y) => new Rgb((byte)(x * 16), 100, (byte)(y * 10)));
        var written = new float[spec.TensorLength];

        new Perturber(spec, image, PerturbationFill.NoisyLinear).Write(Enumerable.Repeat(true, 256).ToArray(), written, seed: 3);

        var clean = spec.ToTensor(image);
        for (var c = 0; c < 3; c++)
        {
            written.Skip(c * 256).Take(256).Average().Should().BeApproximately(clean.Skip(c * 256).Take(256).Average(), 0.003f);
        }
    }

    [Fact]
    public void Impute_LargeHoleAt224_IsFast()
    {
        const int side = 224;
        var plane = new float[side * side];
        var removed = new bool[side * side];
        for (var p = 0; p < plane.Length; p++)
        {
            var (x, y) = (p % side, p / side);
            plane[p] = (float)Math.Sin(x / 17.0) + (y / 224f);
            removed[p] = ((x - 100) * (x - 100)) + ((y - 120) * (y - 120)) < 85 * 85 || (x * 7 + y * 13) % 5 == 0;
        }

        // Once to compile, then timed.
        NoisyLinearFill.Impute((float[])plane.Clone(), 1, removed, side, side, fallback: [0]);
        var watch = Stopwatch.StartNew();
        NoisyLinearFill.Impute(plane, 1, removed, side, side, fallback: [0]);
        watch.Stop();

        output.WriteLine($"224x224, {removed.Count(r => r)} pixels removed: {watch.ElapsedMilliseconds} ms");
        plane.Should().OnlyContain(v => float.IsFinite(v) && v > -1.5f && v < 2.5f);
        watch.ElapsedMilliseconds.Should().BeLessThan(2000);
    }
}
