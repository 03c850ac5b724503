using ModelAudit.Embeddings;

namespace ModelAudit.Tests.Embeddings;

public sealed class PcaTests
{
    [Fact]
    public void Fit_PointsOnALine_FindsTheLineWithAllTheVariance()
    {
        // x = (1, 1) + t·(0.6, 0.8) for t = −2..2: one axis (0.6, 0.8) with variance Σt²/(n − 1) = 10/4 = 2.5.
        var t = new[] { -2f, -1, 0, 1, 2 };
        var x = t.SelectMany(v => new[] { 1 + (0.6f * v), 1 + (0.8f * v) }).ToArray();

        var pca = Pca.Fit(x, 2, 2);

        pca.Components[0].Should().BeApproximately(0.6, 1e-6);
        pca.Components[1].Should().BeApproximately(0.8, 1e-6);
        pca.ExplainedVariance[0].Should().BeApproximately(2.5, 1e-5);
        pca.ExplainedVarianceRatio[0].Should().BeApproximately(1.0, 1e-6);
        pca.ExplainedVarianceRatio[1].Should().BeApproximately(0.0, 1e-6);
        Enumerable.Range(0, 5).Select(i => (double)pca.Projection[2 * i]).Should().Equal(t.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-5);
        pca.Mean.Should().Equal([1.0, 1.0], (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Fit_KnownDiagonalCovariance_RecoversAxesAndRatios()
    {
        // (0, ±1) and (±2, 0): mean 0, covariance diag(8/3, 2/3) (divisor n − 1 = 3): axes x then y, 80% and 20%.
        float[] x = [0, 1, 0, -1, 2, 0, -2, 0];

        var pca = Pca.Fit(x, 2, 2);

        pca.Components.Should().Equal([1.0, 0, 0, 1.0], (a, b) => Math.Abs(a - b) < 1e-6);
        pca.ExplainedVariance.Should().Equal([8 / 3.0, 2 / 3.0], (a, b) => Math.Abs(a - b) < 1e-6);
        pca.ExplainedVarianceRatio.Should().Equal([0.8, 0.2], (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Fit_SignFlippedData_GivesTheSameAxes()
    {
        var rng = new Random(5);
        var x = Enumerable.Range(0, 40 * 6).Select(i => (float)(rng.NextDouble() * (1 + (i % 6)))).ToArray();
        var negated = x.Select(v => -v).ToArray();

        Pca.Fit(x, 6, 3).Components.Should().Equal(Pca.Fit(negated, 6, 3).Components, (a, b) => Math.Abs(a - b) < 1e-6);
    }
}
