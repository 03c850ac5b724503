using ModelAudit.Filters;

namespace ModelAudit.Tests.Filters;

public sealed class FilterMetricsTests
{
    private static readonly float[] Checkerboard = [1, -1, 1, -1, 1, -1, 1, -1, 1];

    [Fact]
    public void TotalVariation_ConstantFilter_IsZero()
    {
        float[] constant = [.. Enumerable.Repeat(0.3f, 27)];

        FilterMetrics.TotalVariation(constant, 3, 3).Should().Be(0);
        FilterMetrics.HighFrequencyRatio(constant, 3, 3).Should().Be(0);
    }

    [Fact]
    public void TotalVariation_Checkerboard_IsMaximal()
    {
        // Every one of the 12 neighbour pairs has opposite signs: Σ|a−b| = 24 = Σ(|a|+|b|).
        FilterMetrics.TotalVariation(Checkerboard, 3, 3).Should().Be(1);
    }

    [Fact]
    public void HighFrequencyRatio_Checkerboard_IsDiagonalBinShare()
    {
        // [1,−1,1] has DFT energies [1, 4, 4]; the 2-D energies are products, total 81, the four diagonal bins 4·16 = 64.
        FilterMetrics.HighFrequencyRatio(Checkerboard, 3, 3).Should().BeApproximately(64.0 / 81, 1e-9);
    }

    [Fact]
    public void HighFrequencyRatio_EvenCheckerboard_IsOne()
    {
        // On a 4×4 kernel the checkerboard is the Nyquist frequency (0.5, 0.5) alone.
        float[] board = [.. Enumerable.Range(0, 16).Select(i => ((i / 4) + (i % 4)) % 2 == 0 ? 1f : -1f)];

        FilterMetrics.HighFrequencyRatio(board, 4, 4).Should().BeApproximately(1, 1e-9);
        FilterMetrics.TotalVariation(board, 4, 4).Should().Be(1);
    }

    [Fact]
    public void Metrics_VerticalEdge_AreLow()
    {
        // Rows [−1, 0, 1]: horizontal pairs differ by 1 (6 pairs, Σ(|a|+|b|) = 6); vertical pairs are equal (Σ(|a|+|b|) = 8).
        float[] edge = [-1, 0, 1, -1, 0, 1, -1, 0, 1];

        FilterMetrics.TotalVariation(edge, 3, 3).Should().BeApproximately(6.0 / 14, 1e-12);
        FilterMetrics.HighFrequencyRatio(edge, 3, 3).Should().Be(0);
    }

    [Fact]
    public void DirichletRatio_EdgeAndCheckerboard_AreHandComputed()
    {
        // Edge rows [−1, 0, 1]: six horizontal pairs differ by 1, vertical pairs are equal; Σw² = 6.
        FilterMetrics.DirichletRatio([-1, 0, 1, -1, 0, 1, -1, 0, 1], 3, 3).Should().BeApproximately(1, 1e-12);
        // ±1 checkerboard: 12 pairs each differing by 2, Σw² = 9.
        FilterMetrics.DirichletRatio(Checkerboard, 3, 3).Should().BeApproximately(48.0 / 9, 1e-12);
        FilterMetrics.DirichletRatio([.. Enumerable.Repeat(0.3f, 27)], 3, 3).Should().Be(0);
    }

    [Fact]
    public void ChannelRank1Share_CoherentOpponentAndOrthogonalPlanes_AreHandComputed()
    {
        float[] edge = [-1, 0, 1, -1, 0, 1, -1, 0, 1];
        float[] flat = [1, 1, 1, 1, 1, 1, 1, 1, 1];
        float[] bar = [0, 0, 0, 1, 1, 1, 0, 0, 0];

        FilterMetrics.ChannelRank1Share([.. edge, .. edge, .. edge], 3, 3).Should().BeApproximately(1, 1e-12);
        FilterMetrics.ChannelRank1Share([.. edge, .. edge.Select(w => -2 * w), .. new float[9]], 3, 3).Should().BeApproximately(1, 1e-12, "a colour-opponent filter is one pattern");
        // edge is orthogonal to flat and bar: the Gram matrix is 6 ⊕ [[9, 3], [3, 3]], whose top eigenvalue 6 + √18 of 18 wins.
        FilterMetrics.ChannelRank1Share([.. edge, .. flat, .. bar], 3, 3).Should().BeApproximately((6 + Math.Sqrt(18)) / 18, 1e-9);
        FilterMetrics.ChannelRank1Share(edge, 3, 3).Should().Be(1);
    }

    [Theory]
    [InlineData(7.5)]
    [InlineData(-0.01)]
    [InlineData(1e4)]
    public void Metrics_ScaledFilter_AreUnchanged(double factor)
    {
        var random = new Random(7);
        var filter = Enumerable.Range(0, 27).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var scaled = filter.Select(w => (float)(w * factor)).ToArray();

        FilterMetrics.TotalVariation(scaled, 3, 3).Should().BeApproximately(FilterMetrics.TotalVariation(filter, 3, 3), 1e-6);
        FilterMetrics.HighFrequencyRatio(scaled, 3, 3).Should().BeApproximately(FilterMetrics.HighFrequencyRatio(filter, 3, 3), 1e-6);
        FilterMetrics.DirichletRatio(scaled, 3, 3).Should().BeApproximately(FilterMetrics.DirichletRatio(filter, 3, 3), 1e-6);
        FilterMetrics.ChannelRank1Share(scaled, 3, 3).Should().BeApproximately(FilterMetrics.ChannelRank1Share(filter, 3, 3), 1e-6);
    }

    [Fact]
    public void Metrics_PointwiseKernel_AreZero()
    {
        FilterMetrics.TotalVariation([0.5f, -2f], 1, 1).Should().Be(0);
        FilterMetrics.HighFrequencyRatio([0.5f, -2f], 1, 1).Should().Be(0);
    }

    [Fact]
    public void Cosine_OppositeFilters_IsMinusOne()
    {
        FilterMetrics.Cosine([1, 2, 3], [-2, -4, -6]).Should().BeApproximately(-1, 1e-12);
        FilterMetrics.Cosine([1, 2, 3], [0, 0, 0]).Should().Be(0);
    }

    [Fact]
    public void TotalVariation_RaggedWeights_Throws()
    {
        var act = () => FilterMetrics.TotalVariation(new float[10], 3, 3);

        act.Should().Throw<ArgumentException>().WithMessage("*10 weights*3x3*");
    }
}
