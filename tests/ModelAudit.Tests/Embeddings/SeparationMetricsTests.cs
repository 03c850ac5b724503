using ModelAudit.Embeddings;

namespace ModelAudit.Tests.Embeddings;

public sealed class SeparationMetricsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void Silhouette_TwoPairsOnALine_MatchesHandComputation(int dimension)
    {
        // Class 0 at 0 and 1, class 1 at 4 and 5 (padded with zeros to exercise the vectorised path at D = 8).
        // x=0: a = 1, b = (4 + 5)/2 = 4.5, s = 3.5/4.5 = 7/9;  x=1: a = 1, b = (3 + 4)/2 = 3.5, s = 2.5/3.5 = 5/7;
        // x=4 mirrors x=1 and x=5 mirrors x=0, so the mean is (7/9 + 5/7)/2 = 0.746031746...
        var x = Pad([0, 1, 4, 5], dimension);

        var samples = SeparationMetrics.SilhouetteSamples(x, dimension, [0, 0, 1, 1]);

        samples.Should().BeEquivalentTo([7 / 9.0, 5 / 7.0, 5 / 7.0, 7 / 9.0], o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6)).WhenTypeIs<double>());
        SeparationMetrics.Silhouette(x, dimension, [0, 0, 1, 1]).Should().BeApproximately(((7 / 9.0) + (5 / 7.0)) / 2, 1e-6);
    }

    [Fact]
    public void Silhouette_Cosine_MatchesHandComputation()
    {
        // Class 0: (1,0), (1,1); class 1: (0,1), (−1,0). Cosine distances: (1,0)-(1,1) = 1 − 1/√2 = 0.29289,
        // (1,0)-(0,1) = 1, (1,0)-(−1,0) = 2, (1,1)-(0,1) = 0.29289, (1,1)-(−1,0) = 1 + 1/√2 = 1.70711, (0,1)-(−1,0) = 1.
        // s(1,0) = (1.5 − 0.29289)/1.5 = 0.80474; s(1,1) = (1 − 0.29289)/1 = 0.70711;
        // s(0,1): a = 1, b = (1 + 0.29289)/2 = 0.64645, s = −0.35355; s(−1,0): a = 1, b = (2 + 1.70711)/2, s = 0.46050.
        // Mean = 0.40470.
        float[] x = [1, 0, 1, 1, 0, 1, -1, 0];

        var samples = SeparationMetrics.SilhouetteSamples(x, 2, [0, 0, 1, 1], DistanceMetric.Cosine);

        samples[0].Should().BeApproximately(0.804738, 1e-5);
        samples[1].Should().BeApproximately(0.707107, 1e-5);
        samples[2].Should().BeApproximately(-0.353553, 1e-5);
        samples[3].Should().BeApproximately(0.460496, 1e-5);
        SeparationMetrics.Silhouette(x, 2, [0, 0, 1, 1], DistanceMetric.Cosine).Should().BeApproximately(0.404697, 1e-5);
    }

    [Theory]
    [InlineData(37)]
    [InlineData(64)]
    public void Silhouette_RandomPoints_AgreesWithDirectDoublePrecisionSum(int dimension)
    {
        var rng = new Random(3);
        const int n = 150;
        var x = Enumerable.Range(0, n * dimension).Select(_ => (float)rng.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        for (var i = 0; i < n; i++)
        {
            x[i * dimension] += labels[i];
        }

        var fast = SeparationMetrics.SilhouetteSamples(x, dimension, labels);

        for (var i = 0; i < n; i++)
        {
            var mean = new double[3];
            for (var j = 0; j < n; j++)
            {
                mean[labels[j]] += Math.Sqrt(Enumerable.Range(0, dimension).Sum(c => Math.Pow(x[(i * dimension) + c] - x[(j * dimension) + c], 2)));
            }

            var a = mean[labels[i]] / ((n / 3) - 1);
            var b = Enumerable.Range(0, 3).Where(k => k != labels[i]).Min(k => mean[k] / (n / 3));
            fast[i].Should().BeApproximately((b - a) / Math.Max(a, b), 1e-4);
        }
    }

    [Fact]
    public void KnnAccuracy_OutlierInsideOtherClass_IsSixOfSeven()
    {
        // Class 0 at 0, 1, 2 and 11.5; class 1 at 10, 11, 12; k = 3. Only 11.5 is outvoted: its neighbours 11, 12
        // (0.5 each) and 10 (1.5) are all class 1. 11 sees 11.5, 10, 12 → two votes for class 1; 10 and 12 likewise;
        // 0, 1, 2 see each other first. Accuracy 6/7.
        float[] x = [0, 1, 2, 11.5f, 10, 11, 12];
        int[] labels = [0, 0, 0, 0, 1, 1, 1];

        SeparationMetrics.KnnPredictions(x, 1, labels, 3).Should().Equal(0, 0, 0, 1, 1, 1, 1);
        SeparationMetrics.KnnAccuracy(x, 1, labels, 3).Should().BeApproximately(6 / 7.0, 1e-12);
    }

    [Fact]
    public void DaviesBouldinAndScatterRatio_TwoPairs_MatchHandComputation()
    {
        // Class 0 {0, 2}: centroid 1, spread S0 = 1. Class 1 {10, 14}: centroid 12, S1 = 2. Centroid distance 11.
        // DB = mean over both classes of (1 + 2)/11 = 3/11.
        // Grand mean 6.5: between = 2·5.5² + 2·5.5² = 121; within = 1 + 1 + 4 + 4 = 10; ratio 12.1.
        float[] x = [0, 2, 10, 14];
        int[] labels = [0, 0, 1, 1];

        SeparationMetrics.DaviesBouldin(x, 1, labels).Should().BeApproximately(3 / 11.0, 1e-12);
        SeparationMetrics.ScatterRatio(x, 1, labels).Should().BeApproximately(12.1, 1e-9);
    }

    [Fact]
    public void Trustworthiness_TwoPointsSwappedInTheMap_MatchesHandComputation()
    {
        // Original points 0, 1, 3, 6, 10, 15 (gaps grow, so nearest neighbours are unique); k = 1, n = 6:
        // T = 1 − 2/(6·1·(12 − 3 − 1)) Σ = 1 − Σ/24. The map swaps the first and last points.
        // Map neighbours: p0 (at 15) → p10, original rank 4 → penalty 3; p1 → p15 (at 0), rank 5 → 4;
        // p15 (at 0) → p1, rank 4 → 3; p3 → p1, p6 → p3, p10 → p6 are true nearest neighbours. Σ = 10, T = 14/24.
        float[] x = [0, 1, 3, 6, 10, 15];
        float[] identity = [0, 0, 1, 0, 3, 0, 6, 0, 10, 0, 15, 0];
        float[] swapped = [15, 0, 1, 0, 3, 0, 6, 0, 10, 0, 0, 0];

        SeparationMetrics.Trustworthiness(x, 1, identity, 2, 1).Should().Be(1.0);
        SeparationMetrics.Trustworthiness(x, 1, swapped, 2, 1).Should().BeApproximately(14 / 24.0, 1e-12);
    }

    private static float[] Pad(float[] values, int dimension)
    {
        var x = new float[values.Length * dimension];
        for (var i = 0; i < values.Length; i++)
        {
            x[i * dimension] = values[i];
        }

        return x;
    }
}
