using ModelAudit.Embeddings;

namespace ModelAudit.Tests.Embeddings;

public sealed class TsneFftRepulsionTests
{
    [Theory]
    [InlineData(3.0)]
    [InlineData(30.0)]
    public void Compute_RandomMap_MatchesExactSums(double spread)
    {
        // Three blobs plus uniform background: dense and sparse regions, as in a map mid-optimisation.
        const int n = 400;
        var rng = new Random(5);
        var y = new double[2 * n];
        for (var c = 0; c < 2 * n; c++)
        {
            var blob = (c / 2) % 4;
            y[c] = blob == 3 ? spread * (rng.NextDouble() - 0.5) : (spread * 0.3 * (blob - 1)) + (spread * 0.05 * Gaussian(rng));
        }

        var repulsion = new double[2 * n];
        var z = new TsneFftRepulsion(n).Compute(y, repulsion);

        var (exactZ, exact) = Exact(y, n);
        // FIt-SNE's default resolution (3 nodes per box, boxes about one map unit wide) is good to about 1%.
        z.Should().BeApproximately(exactZ, 5e-3 * exactZ);
        var error = Math.Sqrt(Enumerable.Range(0, 2 * n).Sum(c => Math.Pow(repulsion[c] - exact[c], 2)));
        var norm = Math.Sqrt(exact.Sum(v => v * v));
        (error / norm).Should().BeLessThan(2e-2, "the interpolated forces should match the exact ones closely");
    }

    private static (double Z, double[] Force) Exact(double[] y, int n)
    {
        var force = new double[2 * n];
        var z = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    var dx = y[2 * i] - y[2 * j];
                    var dy = y[(2 * i) + 1] - y[(2 * j) + 1];
                    var w = 1 / (1 + (dx * dx) + (dy * dy));
                    z += w;
                    force[2 * i] += w * w * dx;
                    force[(2 * i) + 1] += w * w * dy;
                }
            }
        }

        return (z, force);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
