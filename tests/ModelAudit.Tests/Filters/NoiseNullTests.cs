using ModelAudit.Filters;

namespace ModelAudit.Tests.Filters;

public sealed class NoiseNullTests
{
    [Fact]
    public void Dirichlet_3x3x3_HasTheHandComputedMoments()
    {
        // Per 3×3 plane: 12 edges, so tr L = 24; degrees 2 (×4), 3 (×4), 4 give tr L² = Σ(d² + d) = 92. n = 27:
        // mean 72/27, variance 2(27·276 − 72²)/(27²·29) = 4536/21141.
        var moments = NoiseNull.Dirichlet(3, 3, 3);

        moments.Mean.Should().BeApproximately(72.0 / 27, 1e-12);
        moments.StandardDeviation.Should().BeApproximately(Math.Sqrt(4536.0 / 21141), 1e-12);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(3, 7)]
    [InlineData(1, 5)]
    public void Dirichlet_GaussianFilters_MatchTheExactMoments(int planes, int size)
    {
        var moments = NoiseNull.Dirichlet(planes, size, size);
        var ratios = Gaussian(planes * size * size, 4000, seed: 11).Select(f => FilterMetrics.DirichletRatio(f, size, size)).ToArray();

        ratios.Average().Should().BeApproximately(moments.Mean, 0.05 * moments.StandardDeviation);
        StandardDeviation(ratios).Should().BeApproximately(moments.StandardDeviation, 0.05 * moments.StandardDeviation);
    }

    [Fact]
    public void ChannelRank1_SameShape_IsRepeatableAndNearTheTheory()
    {
        var a = NoiseNull.ChannelRank1(3, 3, 3);
        var b = NoiseNull.ChannelRank1(3, 3, 3);

        a.Should().Be(b);
        // Top eigenvalue share of a 3×9 Gaussian matrix: measured 0.574 ± 0.084 with numpy (20,000 draws).
        a.Mean.Should().BeApproximately(0.574, 0.005);
        a.StandardDeviation.Should().BeApproximately(0.084, 0.005);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(7, true)]
    [InlineData(3, false)]
    public void NoiseScore_GaussianFilters_IsStandardNormal(int size, bool readsImage)
    {
        var scores = Gaussian(3 * size * size, 3000, seed: 23).Select(f => NoiseScore.Of(f, size, size, readsImage)!.Value).ToArray();

        scores.Average().Should().BeApproximately(0, 0.06);
        StandardDeviation(scores).Should().BeApproximately(1, 0.06);
    }

    [Fact]
    public void NoiseScore_PointwiseKernel_HasNothingToTest()
    {
        NoiseScore.Of([0.7f], 1, 1, readsImage: true).Should().BeNull();
        NoiseScore.Of([0.7f, 0.1f, -0.3f], 1, 1, readsImage: true).Should().BeNull("three scalars are always one pattern");
    }

    private static IEnumerable<float[]> Gaussian(int length, int count, int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            yield return [.. Enumerable.Range(0, length).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];
        }
    }

    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
